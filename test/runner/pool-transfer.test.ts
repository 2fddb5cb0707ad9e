import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../harness/config.js';
import { loadContent } from '../../harness/content/load.js';
import type { Content } from '../../harness/content/types.js';
import type { TestResult } from '../../harness/report/types.js';
import { planTests, selectDetections, type PlannedTest } from '../../harness/runner/plan.js';
import { runTests, WorkerPool } from '../../harness/runner/pool.js';
import { executeTest, prepareTest, type RunOptions } from '../../harness/runner/run.js';
import { fromPlainContent, fromPlainTest, toPlainContent, toPlainTest } from '../../harness/runner/transfer.js';
import { ATTACK_DATA, ESCU, HAS_SHARED, PROJECT_ROOT } from '../support/shared.js';
import { tempDir } from '../support/tmp.js';

/**
 * What a pool worker sees (runner/transfer.ts): the content's macros and lookups and each test
 * with its detection file, sent as plain data (structured clone, as postMessage does) and rebuilt.
 * A test executed over the rebuilt content must end exactly as over the original: same status,
 * rows, reasons, explanation — only timings may differ.
 */

const withoutTimings = (r: TestResult) => ({ ...r, timings: undefined });

async function executeBothWays(content: Content, tests: PlannedTest[], opts: RunOptions) {
  const rebuilt = fromPlainContent(structuredClone(toPlainContent(content)));
  const detections = new Map();
  const direct: TestResult[] = [];
  const viaWorkerView: TestResult[] = [];
  for (const t of tests) {
    const a = await prepareTest(content, t, opts);
    if ('done' in a) continue;
    const b = structuredClone(a);
    direct.push(await executeTest(content, t, a, opts));
    viaWorkerView.push(await executeTest(rebuilt, fromPlainTest(structuredClone(toPlainTest(t)), detections), b, structuredClone(opts)));
  }
  return { direct: direct.map(withoutTimings), viaWorkerView: viaWorkerView.map(withoutTimings) };
}

describe('pool transfer (what a worker gets)', () => {
  it('rebuilds macros and lookups with their files, lazily, at the same positions', () => {
    const content = loadContent(PROJECT_ROOT);
    const rebuilt = fromPlainContent(structuredClone(toPlainContent(content)));
    expect([...rebuilt.macros.keys()]).toEqual([...content.macros.keys()]);
    expect([...rebuilt.lookups.keys()]).toEqual([...content.lookups.keys()]);
    for (const [key, m] of content.macros) {
      const r = rebuilt.macros.get(key)!;
      expect({ ...r, file: undefined }).toEqual({ ...m, file: undefined });
      expect(r.file.relPath).toBe(m.file.relPath);
      expect(r.file.locate(['definition'])).toEqual(m.file.locate(['definition']));
    }
    for (const [key, l] of content.lookups) {
      expect({ ...rebuilt.lookups.get(key)!, file: undefined }).toEqual({ ...l, file: undefined });
    }
  });

  it('a test of the project content ends the same over the rebuilt content', async () => {
    const content = loadContent(PROJECT_ROOT);
    const tests = planTests(content, content.detections).tests;
    const { direct, viaWorkerView } = await executeBothWays(content, tests, { mirrors: loadConfig(PROJECT_ROOT).mirrors, offline: true });
    expect(direct.length).toBeGreaterThan(5);
    expect(viaWorkerView).toEqual(direct);
  });

  (HAS_SHARED ? it : it.skip)(
    'the ground-truth tests (passes and failures with explanations) end the same over the rebuilt content',
    async () => {
      const content = loadContent(ESCU);
      const files = [
        ...new Set(
          readFileSync(join(ATTACK_DATA, 'GROUND_TRUTH.tsv'), 'utf8')
            .trim()
            .split('\n')
            .slice(1)
            .map((l) => l.split('\t')[0]),
        ),
      ];
      const sel = selectDetections(content, files, { cwd: ESCU });
      const tests = planTests(content, sel.detections, sel.excluded).tests;
      const mirrors = [{ prefix: 'https://media.githubusercontent.com/media/splunk/attack_data/master/', target: ATTACK_DATA }];
      const { direct, viaWorkerView } = await executeBothWays(content, tests, { mirrors, offline: true, cacheDir: tempDir('spl-harness-pool-cache-') });
      expect(direct.length).toBe(tests.length);
      expect(direct.some((r) => r.status === 'failed' && r.explanation)).toBe(true);
      expect(viaWorkerView).toEqual(direct);
    },
    60_000,
  );
});

/**
 * The pool's bookkeeping with a stand-in worker (plain JavaScript, so it runs under vitest): it
 * answers each job with its prepared result marked, and dies during its first job. That test alone
 * fails, with the reason; a job the dead worker held next goes back to the queue and still runs;
 * results come back in plan order.
 */
describe('worker pool bookkeeping', () => {
  const FAKE = `
    import { parentPort } from 'node:worker_threads';
    let chain = Promise.resolve();
    let n = 0;
    parentPort.on('message', (msg) => {
      if (msg.type === 'scan') {
        // A shared scan: one result per test, as the real worker sends them.
        chain = chain.then(async () => {
          for (const item of msg.items) parentPort.postMessage({ type: 'result', index: item.index, result: { ...item.prepared.result, reasons: ['ran in the fake worker'] } });
        });
        return;
      }
      if (msg.type !== 'run') return;
      chain = chain.then(async () => {
        await new Promise((r) => setTimeout(r, 20));
        if (++n === 1) process.exit(3);
        parentPort.postMessage({ type: 'result', index: msg.index, result: { ...msg.prepared.result, reasons: ['ran in the fake worker'] } });
      });
    });
    parentPort.postMessage({ type: 'ready' });
  `;

  it('a worker that dies fails only its test; the rest all end, in plan order', async () => {
    const dir = tempDir('spl-harness-fake-worker-');
    const entry = join(dir, 'worker.mjs');
    writeFileSync(entry, FAKE);
    const content = loadContent(PROJECT_ROOT);
    const tests = planTests(content, content.detections).tests.filter((t) => !t.skip);
    expect(tests.length).toBeGreaterThan(3);
    const pool = new WorkerPool(entry);
    pool.spawn();
    expect(await pool.ready()).toBe(1);
    try {
      const results = await runTests(content, tests, { mirrors: loadConfig(PROJECT_ROOT).mirrors, offline: true, jobs: 2, pool });
      expect(results.map((r) => r.test)).toEqual(tests.map((t) => t.name));
      const died = results.filter((r) => r.reasons.some((x) => x.startsWith('the test worker failed: the worker exited with code 3')));
      expect(died).toHaveLength(1);
      expect(died[0].status).toBe('error');
      for (const r of results) if (r !== died[0]) expect(r.status).toBe('passed');
    } finally {
      await pool.close();
    }
  });

  it('a worker past its heap limit fails its test, saying so and how to raise it; the others still end', async () => {
    const dir = tempDir('spl-harness-fake-worker-');
    const entry = join(dir, 'worker.mjs');
    // Its first test keeps everything it allocates; the others answer as FAKE's do.
    writeFileSync(
      entry,
      `import { parentPort } from 'node:worker_threads';
       let n = 0;
       parentPort.on('message', (msg) => {
         if (msg.type !== 'run') return;
         if (++n === 1) { const kept = []; for (;;) kept.push(new Array(1e5).fill(n)); }
         parentPort.postMessage({ type: 'result', index: msg.index, result: { ...msg.prepared.result, reasons: ['ran in the fake worker'] } });
       });
       parentPort.postMessage({ type: 'ready' });`,
    );
    const content = loadContent(PROJECT_ROOT);
    const tests = planTests(content, content.detections).tests.filter((t) => !t.skip);
    const pool = new WorkerPool(entry, 48);
    pool.spawn();
    expect(await pool.ready()).toBe(1);
    try {
      const results = await runTests(content, tests, { mirrors: loadConfig(PROJECT_ROOT).mirrors, offline: true, jobs: 2, pool, noGroup: true });
      const failed = results.filter((r) => r.status === 'error');
      expect(failed).toHaveLength(1);
      expect(failed[0].reasons).toContain(
        "the test worker failed: it ran out of memory: its thread's heap limit is 48 MB (raise it with --heap-limit or heap_limit_mb: in spl-harness.yml)",
      );
      expect(results.filter((r) => r.status === 'passed')).toHaveLength(tests.length - 1);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('a worker that cannot start takes no test: this thread runs them all', async () => {
    const dir = tempDir('spl-harness-fake-worker-');
    const entry = join(dir, 'worker.mjs');
    writeFileSync(entry, `throw new Error('no start');`);
    const content = loadContent(PROJECT_ROOT);
    const tests = planTests(content, content.detections).tests;
    const pool = new WorkerPool(entry);
    pool.spawn();
    expect(await pool.ready()).toBe(0);
    try {
      const results = await runTests(content, tests, { mirrors: loadConfig(PROJECT_ROOT).mirrors, offline: true, jobs: 2, pool });
      expect(results.map((r) => r.test)).toEqual(tests.map((t) => t.name));
      expect(results.every((r) => r.status === 'passed')).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('options a worker cannot receive (not cloneable) keep the run in this thread', async () => {
    const dir = tempDir('spl-harness-fake-worker-');
    const entry = join(dir, 'worker.mjs');
    writeFileSync(entry, FAKE);
    const content = loadContent(PROJECT_ROOT);
    const tests = planTests(content, content.detections).tests;
    const pool = new WorkerPool(entry);
    pool.spawn();
    expect(await pool.ready()).toBe(1);
    try {
      const opts = { mirrors: loadConfig(PROJECT_ROOT).mirrors, offline: true, jobs: 2, pool, extra: () => 'not cloneable' };
      const results = await runTests(content, tests, opts as Parameters<typeof runTests>[2]);
      expect(results.map((r) => r.test)).toEqual(tests.map((t) => t.name));
      expect(results.every((r) => r.status === 'passed' && !r.reasons.includes('ran in the fake worker'))).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
