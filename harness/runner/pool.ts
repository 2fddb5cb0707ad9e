import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Content } from '../content/types.js';
import type { TestResult } from '../report/types.js';
import type { PlannedTest } from './plan.js';
import { runTest, type RunOptions } from './run.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.js';

/**
 * Runs planned tests on a pool of worker threads sized to the machine (or `jobs`), handing out
 * one test at a time so a slow dataset never holds up a queue. Results come back in plan order.
 * Workers need the compiled worker entry (dist/harness/runner/worker.js); when it is missing —
 * running the TypeScript sources under vitest, say — or `jobs` is 1, tests run in-process.
 * A worker that dies fails only the test it was running; the rest go to the other workers, or
 * in-process when none is left.
 */

export interface PoolOptions extends RunOptions {
  /** Worker count; default the number of cores. 1 runs in-process. */
  jobs?: number;
  /** Called as each test ends (in completion order), with how many have ended. */
  onResult?: (result: TestResult, done: number, total: number) => void;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The compiled worker entry beside this module, or undefined when running from sources. */
export function workerEntry(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return undefined;
  const entry = here.replace(/pool\.js$/, 'worker.js');
  return existsSync(entry) ? entry : undefined;
}

export async function runTests(content: Content, tests: PlannedTest[], opts: PoolOptions): Promise<TestResult[]> {
  const { jobs: wanted, onResult, ...runOptions } = opts;
  const results: Array<TestResult | undefined> = new Array(tests.length);
  let done = 0;
  const record = (index: number, result: TestResult) => {
    results[index] = result;
    onResult?.(result, ++done, tests.length);
  };
  // Skipped tests cost nothing: settle them here rather than ship them to a worker.
  const queue: number[] = [];
  for (let i = 0; i < tests.length; i++) {
    if (tests[i].skip) record(i, await runTest(content, tests[i], runOptions));
    else queue.push(i);
  }
  const entry = workerEntry();
  const jobs = Math.min(wanted ?? defaultJobs(), queue.length);
  if (!entry || jobs <= 1) {
    for (const i of queue) record(i, await runTest(content, tests[i], runOptions));
    return results as TestResult[];
  }
  const detectionFiles = [...new Set(queue.map((i) => tests[i].detection.file.relPath))];
  const init: WorkerInit = { contentRoot: content.root, detectionFiles, options: runOptions };
  await Promise.all(Array.from({ length: jobs }, () => drive(entry, init, tests, queue, record)));
  // Anything a dead pool left behind runs here.
  for (const i of queue.splice(0)) record(i, await runTest(content, tests[i], runOptions));
  return results as TestResult[];
}

/** One worker: take the next test from the shared queue until it is empty. */
function drive(entry: string, init: WorkerInit, tests: PlannedTest[], queue: number[], record: (i: number, r: TestResult) => void): Promise<void> {
  return new Promise((resolve) => {
    let current: number | undefined;
    let finished = false;
    const worker = new Worker(entry, { workerData: init });
    const end = () => {
      if (finished) return;
      finished = true;
      resolve();
    };
    const next = () => {
      current = queue.shift();
      if (current === undefined) {
        worker.postMessage({ type: 'stop' } satisfies WorkerRequest);
        void worker.terminate().then(end, end);
        return;
      }
      worker.postMessage({ type: 'run', index: current, key: tests[current].key } satisfies WorkerRequest);
    };
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'ready') next();
      else if (msg.type === 'result') {
        record(msg.index, msg.result);
        next();
      } else if (msg.type === 'fatal') {
        fail(msg.message);
      }
    });
    const fail = (message: string) => {
      if (current !== undefined) {
        const t = tests[current];
        record(current, crashResult(t, message));
        current = undefined;
      }
      void worker.terminate().then(end, end);
    };
    worker.on('error', (err) => fail(err?.stack ?? String(err)));
    worker.on('exit', (code) => {
      if (!finished && current !== undefined) fail(`worker exited with code ${code}`);
      end();
    });
  });
}

function crashResult(t: PlannedTest, message: string): TestResult {
  return {
    id: t.detection.id,
    name: t.detection.name,
    file: t.detection.file.relPath,
    test: t.name,
    status: 'error',
    rows: 0,
    reasons: [`the test worker failed: ${message.split('\n')[0]}`],
    timings: {},
    datasets: t.datasets.map((d) => ({ url: d.ref })),
    line: t.line,
  };
}
