import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../harness/content/files.js';
import { loadContent } from '../../harness/content/load.js';
import { loadConfig } from '../../harness/config.js';
import { planTests } from '../../harness/runner/plan.js';
import { JobQueue, runTests, workerEntry } from '../../harness/runner/pool.js';
import { PROJECT_ROOT } from '../support/shared.js';

const run = promisify(execFile);

/** True when dist/ holds a build at least as new as every harness source (npm ci builds it). */
function freshBuild(): boolean {
  if (!existsSync(join(PROJECT_ROOT, 'dist/harness/runner/worker.js'))) return false;
  return listFiles(join(PROJECT_ROOT, 'harness'), ['.ts']).every((src) => {
    const out = join(PROJECT_ROOT, 'dist', src.slice(PROJECT_ROOT.length + 1).replace(/\.ts$/, '.js'));
    return existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs;
  });
}

describe('worker pool', () => {
  it('runs in-process when the worker entry is not compiled (TypeScript sources under vitest), results in plan order', async () => {
    expect(workerEntry()).toBeUndefined();
    const content = loadContent(PROJECT_ROOT);
    const tests = planTests(content, content.detections).tests;
    const seen: number[] = [];
    const results = await runTests(content, tests, {
      mirrors: loadConfig(PROJECT_ROOT).mirrors,
      offline: true,
      jobs: 4,
      onResult: (_r, done) => seen.push(done),
    });
    expect(results.map((r) => r.test)).toEqual(tests.map((t) => t.name));
    expect(seen).toEqual(tests.map((_, i) => i + 1));
    expect(results.every((r) => r.status === 'passed')).toBe(true);
  });

  const built = freshBuild();
  (built ? it : it.skip)(
    `the built CLI runs tests on worker threads${built ? '' : ' [skipped: dist/ missing or older than the sources; run npm run build]'}`,
    async () => {
      // Start workers at once (the project content is small) and use more than the cores.
      const env = { ...process.env, SPL_HARNESS_WORKER_START_BYTES: '0' };
      const { stdout } = await run(
        process.execPath,
        [join(PROJECT_ROOT, 'bin/spl-harness.js'), 'test', '--content', PROJECT_ROOT, '--offline', '--jobs', '3', '--format', 'json'],
        { cwd: PROJECT_ROOT, env },
      );
      const report = JSON.parse(stdout);
      expect(report.summary.failed + report.summary.errors).toBe(0);
      expect(report.summary.passed).toBe(report.summary.total);
    },
  );

  it('starts a thread only when there is a job for it as well as its share of the bytes', async () => {
    const job = (bytes: number) => ({ index: 0, prepared: { bytes } as never });
    const queue = new JobQueue();
    const second = queue.reached(16, 2);
    const third = queue.reached(32, 3);
    // One shared scan of 200 MB: enough bytes for three threads, work for one.
    queue.push(job(200));
    let woken = false;
    void second.then(() => (woken = true));
    await Promise.resolve();
    expect(woken).toBe(false);
    queue.push(job(1));
    expect(await second).toBe(true);
    queue.close();
    expect(await third).toBe(false);
    // With no job yet, even no bytes are not enough.
    const empty = new JobQueue();
    expect(await Promise.race([empty.reached(0), Promise.resolve('pending')])).toBe('pending');
    empty.push(job(0));
    expect(await empty.reached(0)).toBe(true);
  });
});
