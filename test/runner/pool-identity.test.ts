import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../../harness/content/files.js';
import { loadContent } from '../../harness/content/load.js';
import { loadConfig } from '../../harness/config.js';
import type { TestResult } from '../../harness/report/types.js';
import { planTests } from '../../harness/runner/plan.js';
import { runTests, WorkerPool } from '../../harness/runner/pool.js';
import { ATTACK_DATA, ESCU, HAS_SHARED, PROJECT_ROOT } from '../support/shared.js';
import { tempDir } from '../support/tmp.js';

/**
 * Results do not depend on where a test runs: every status, row count, reason and explanation is
 * the same with the worker pool as in one thread. Needs the compiled worker (npm run build).
 */

const run = promisify(execFile);
const WORKER = join(PROJECT_ROOT, 'dist/harness/runner/worker.js');

/** True when dist/ holds a build at least as new as every harness source. */
function freshBuild(): boolean {
  if (!existsSync(WORKER)) return false;
  return listFiles(join(PROJECT_ROOT, 'harness'), ['.ts']).every((src) => {
    const out = join(PROJECT_ROOT, 'dist', src.slice(PROJECT_ROOT.length + 1).replace(/\.ts$/, '.js'));
    return existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs;
  });
}

const built = freshBuild();
const needsBuild = built ? '' : ' [skipped: dist/ missing or older than the sources; run npm run build]';
const withoutTimings = (results: TestResult[]) => results.map((r) => ({ ...r, timings: undefined }));

describe('worker pool: same results as one thread', () => {
  (built ? it : it.skip)(
    `a compiled worker and this thread share the project's tests, and every result equals the in-thread one${needsBuild}`,
    async () => {
      const content = loadContent(PROJECT_ROOT);
      const tests = planTests(content, content.detections).tests;
      const opts = { mirrors: loadConfig(PROJECT_ROOT).mirrors, offline: true };
      const alone = await runTests(content, tests, { ...opts, jobs: 1 });

      const pool = new WorkerPool(WORKER);
      pool.spawn();
      expect(await pool.ready()).toBe(1);
      let inWorker = 0;
      pool.slots[0].worker.on('message', (m: { type: string }) => {
        if (m.type === 'result') inWorker++;
      });
      try {
        const shared = await runTests(content, tests, { ...opts, jobs: 2, pool });
        expect(inWorker).toBeGreaterThan(0);
        expect(withoutTimings(shared)).toEqual(withoutTimings(alone));
        // The pool serves a second run too (its setup is sent again).
        const again = await runTests(content, tests, { ...opts, jobs: 2, pool });
        expect(withoutTimings(again)).toEqual(withoutTimings(alone));
      } finally {
        await pool.close();
      }
    },
    60_000,
  );

  (built && HAS_SHARED ? it : it.skip)(
    `spl-harness test on the ground truth: --jobs 1 and --jobs 2 (worker started at once) end the same${needsBuild}`,
    async () => {
      const files = [
        ...new Set(
          readFileSync(join(ATTACK_DATA, 'GROUND_TRUTH.tsv'), 'utf8')
            .trim()
            .split('\n')
            .slice(1)
            .map((l) => l.split('\t')[0]),
        ),
      ];
      const cacheDir = tempDir('spl-harness-pool-cache-');
      const cli = async (jobs: number) => {
        const args = [join(PROJECT_ROOT, 'bin/spl-harness.js'), 'test', '--content', ESCU, ...files.flatMap((f) => ['--detection', f])];
        args.push(
          '--mirror',
          `https://media.githubusercontent.com/media/splunk/attack_data/master/=${ATTACK_DATA}`,
          '--cache-dir',
          cacheDir,
          '--jobs',
          String(jobs),
          '--format',
          'json',
        );
        // Exit status 1: the ground truth holds two known failures (test/corpus/ground-truth.test.ts).
        const out = await run(process.execPath, args, { env: { ...process.env, SPL_HARNESS_WORKER_START_BYTES: '0' }, maxBuffer: 64 * 2 ** 20 }).catch(
          (err: { stdout?: string }) => err,
        );
        return JSON.parse(out.stdout ?? '') as { results: TestResult[] };
      };
      const one = await cli(1);
      const two = await cli(2);
      expect(one.results.length).toBe(14);
      expect(one.results.some((r) => r.status === 'failed' && r.explanation)).toBe(true);
      expect(withoutTimings(two.results)).toEqual(withoutTimings(one.results));
    },
    120_000,
  );
});
