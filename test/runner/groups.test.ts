import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import type { TestResult } from '../../harness/report/types.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTests } from '../../harness/runner/pool.js';
import { balanceScans, groupByDataset } from '../../harness/runner/groups.js';
import { SourceCache, sourceCacheFor } from '../../harness/runner/source-cache.js';
import type { PreparedTest } from '../../harness/runner/run.js';
import { scanCounts } from '../../harness/runner/scan.js';
import type { EngineSource } from '../../harness/engine/types.js';
import { ATTACK_DATA, ESCU, HAS_SHARED, PROJECT_ROOT } from '../support/shared.js';
import { FIXTURE_MIRROR, seedVariant, tempContent } from './helpers.js';

/**
 * Dataset-grouped execution (groups.ts, source-cache.ts) reads a shared file once for every test
 * that uses it; every status, row count, reason and explanation must equal the test-by-test run.
 */

const withoutTimings = (results: TestResult[]) => results.map((r) => ({ ...r, timings: undefined }));
let cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

describe('dataset groups', () => {
  it('order the tests by dataset and give each file the union of their requirements', () => {
    const file = (path: string, need: PreparedTest['files'][number]['need']) => ({ path, meta: { source: 's', sourcetype: 't' }, need });
    const job = (index: number, ...files: PreparedTest['files']) => ({ index, prepared: { key: String(index), result: {} as TestResult, files, bytes: 1 } });
    const grouped = groupByDataset([
      job(0, file('a', { text: 'x' })),
      job(1, file('b', { text: 'y' })),
      job(2, file('a', { text: 'z' })),
      job(3, file('a', true), file('b', { text: 'w' })),
    ]);
    expect(grouped.map((j) => j.index)).toEqual([0, 2, 3, 1]);
    // File a: one test needs nothing, so the union needs nothing; file b: either requirement.
    expect(grouped[0].prepared.files[0].groupNeed).toBe(true);
    expect(grouped[3].prepared.files[0].groupNeed).toEqual({ any: [{ text: 'y' }, { text: 'w' }] });
    // Each test keeps its own requirement, for when the group's union cannot be held.
    expect(grouped[3].prepared.files[0].need).toEqual({ text: 'y' });
  });

  it('cuts a scan that would keep one thread busy while the others idle, never a small one', () => {
    const scan = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name}${i}`);
    const bytes: Record<string, number> = { big: 600, small: 100 };
    const bytesOf = (s: string[]) => bytes[s[0].replace(/\d+$/, '')];
    // One thread: nothing to balance.
    expect(balanceScans([scan('big', 700), scan('small', 100)], bytesOf, 1).map((s) => s.length)).toEqual([700, 100]);
    // Two threads: the big scan costs 600 × 8 of 4,800 + 200 in all, so it is cut in two, in plan order.
    const two = balanceScans([scan('big', 700), scan('small', 100)], bytesOf, 2);
    expect(two.map((s) => s.length)).toEqual([350, 350, 100]);
    expect(two[0][0]).toBe('big0');
    expect(two[1][0]).toBe('big350');
    // Scans of one search are never cut.
    expect(balanceScans([scan('big', 1), scan('small', 1)], bytesOf, 2).map((s) => s.length)).toEqual([1, 1]);
    // Nor a scan whose read outweighs its searches' work: 20 searches cost 1.2 reads, each half
    // 1.1, a saving too small to pay for the second read; 300 cost 4 reads, each half 2.5.
    expect(balanceScans([scan('big', 20)], bytesOf, 2).map((s) => s.length)).toEqual([20]);
    expect(balanceScans([scan('big', 200)], bytesOf, 2).map((s) => s.length)).toEqual([200]);
    expect(balanceScans([scan('big', 300)], bytesOf, 2).map((s) => s.length)).toEqual([150, 150]);
  });

  it('a large file whose union of pre-filters keeps too much to hold is read by each test with its own', async () => {
    // Tested through the cache's memo: once a group's read did not fit, later tests skip the union.
    const cache = new SourceCache(10);
    expect(cache.unheld('k')).toBe(false);
    cache.markUnheld('k');
    expect(cache.unheld('k')).toBe(true);
  });

  it('the source cache keeps the most recently used sources within its byte budget', () => {
    const cache = new SourceCache(100);
    const src = {} as EngineSource;
    cache.put('a', src, 60);
    cache.put('b', src, 30);
    expect(cache.get('a')).toBe(src); // a is now the most recent
    cache.put('c', src, 40); // evicts b (least recent), not a
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([src, undefined, src]);
    cache.put('huge', src, 101);
    expect(cache.get('huge')).toBeUndefined();
  });

  it('a generated multi-detection workload on one dataset: grouped equals test by test, and reads the file once', async () => {
    // Twelve seed variants over the seed's file: passing, failing with an explanation, negated.
    const edits: Array<(s: string) => string> = [
      (s) => s,
      (s) => s.replace('Processes.process="*-r:*"', 'Processes.process="*-x:*"'),
      (s) => s.replace('winrs.exe', 'cmd.exe'),
      (s) => s.replace('Processes.process_name=winrs.exe', 'Processes.process_name=winrs.exe Processes.user=*'),
    ];
    const files: Record<string, string> = {};
    for (let n = 1; n <= 12; n++) files[`detections/endpoint/seed_variant_${n}.yml`] = seedVariant(n, edits[n % edits.length]);
    const { root, cleanup } = tempContent(files);
    cleanups.push(cleanup);
    const content = loadContent(root);
    const tests = planTests(content, content.detections).tests;
    expect(tests.length).toBe(12);
    const opts = { mirrors: [FIXTURE_MIRROR], offline: true };
    const alone = await runTests(content, tests, { ...opts, jobs: 1, noGroup: true });
    expect(new Set(alone.map((r) => r.status))).toEqual(new Set(['passed', 'failed']));
    expect(alone.some((r) => r.explanation)).toBe(true);
    expect(sourceCacheFor(content).hits).toBe(0);
    const before = { ...scanCounts };
    const grouped = await runTests(content, tests, { ...opts, jobs: 1 });
    expect(withoutTimings(grouped)).toEqual(withoutTimings(alone));
    // One shared scan of the file serves all twelve tests.
    expect(scanCounts.scans - before.scans).toBe(1);
    expect(scanCounts.served - before.served).toBe(12);
    expect(scanCounts.alone - before.alone).toBe(0);
  });

  (HAS_SHARED ? it : it.skip)(
    'the ESCU run over ../shared: grouped equals test by test',
    async () => {
      const run = promisify(execFile);
      const cli = async (...extra: string[]) => {
        const args = [join(PROJECT_ROOT, 'bin/spl-harness.js'), 'test', '--content', ESCU, '--offline', '--format', 'json', ...extra];
        args.push('--mirror', `https://media.githubusercontent.com/media/splunk/attack_data/master/=${ATTACK_DATA}`);
        const out = await run(process.execPath, args, { maxBuffer: 256 * 2 ** 20 }).catch((err: { stdout?: string }) => err);
        return JSON.parse(out.stdout ?? '') as { results: TestResult[] };
      };
      const [grouped, alone] = [await cli(), await cli('--no-group')];
      expect(grouped.results.length).toBeGreaterThan(1000);
      expect(withoutTimings(grouped.results)).toEqual(withoutTimings(alone.results));
    },
    180_000,
  );
});
