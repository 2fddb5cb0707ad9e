import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Content } from '../content/types.js';
import type { TestResult } from '../report/types.js';
import type { PlannedTest } from './plan.js';
import { executeTest, prepareTest, type PreparedTest, type RunOptions } from './run.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker.js';

/**
 * Running many tests. The work splits in two:
 * - I/O on the main thread: compile each search (unsupported or broken searches end here) and
 *   resolve its datasets — several at a time, through one dataset cache;
 * - CPU on a pool of worker threads sized to the cores (or `jobs`): read, evaluate, judge.
 * A test that ends during preparation never costs a worker, and workers start only when there
 * is prepared work. Workers need the compiled entry (dist/harness/runner/worker.js); without it
 * — running the TypeScript sources under vitest, say — or with `jobs` 1, everything runs in
 * this thread. A worker that dies fails only the test it was running; the rest go to the other
 * workers, or to this thread when none is left. Results come back in plan order.
 */

export interface PoolOptions extends RunOptions {
  /** Worker count; default the number of cores. 1 runs everything in-process. */
  jobs?: number;
  /** How many tests prepare (resolve datasets) at once; default 4. */
  prepareConcurrency?: number;
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

interface Job {
  index: number;
  prepared: PreparedTest;
}

/** A queue of prepared tests that consumers await until the producer is finished. */
class JobQueue {
  private items: Job[] = [];
  private waiting: Array<(job: Job | undefined) => void> = [];
  private closed = false;

  push(job: Job): void {
    const w = this.waiting.shift();
    if (w) w(job);
    else this.items.push(job);
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
  }

  next(): Promise<Job | undefined> {
    const job = this.items.shift();
    if (job || this.closed) return Promise.resolve(job);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  drain(): Job[] {
    return this.items.splice(0);
  }
}

export async function runTests(content: Content, tests: PlannedTest[], opts: PoolOptions): Promise<TestResult[]> {
  const { jobs: wanted, onResult, prepareConcurrency = 4, ...runOptions } = opts;
  const results: Array<TestResult | undefined> = new Array(tests.length);
  let done = 0;
  const record = (index: number, result: TestResult) => {
    results[index] = result;
    onResult?.(result, ++done, tests.length);
  };

  const queue = new JobQueue();
  const producer = (async () => {
    let next = 0;
    const lane = async () => {
      while (next < tests.length) {
        const i = next++;
        const p = await prepareTest(content, tests[i], runOptions);
        if ('done' in p) record(i, p.done);
        else queue.push({ index: i, prepared: p });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, prepareConcurrency) }, lane));
    queue.close();
  })();

  const entry = workerEntry();
  const jobs = wanted ?? defaultJobs();
  const execute = (job: Job) => executeTest(content, tests[job.index], job.prepared, runOptions);
  if (!entry || jobs <= 1) {
    for (let job = await queue.next(); job; job = await queue.next()) record(job.index, await execute(job));
  } else {
    const init: WorkerInit = {
      contentRoot: content.root,
      detectionFiles: [...new Set(tests.filter((t) => !t.skip).map((t) => t.detection.file.relPath))],
      options: runOptions,
    };
    await Promise.all(Array.from({ length: jobs }, () => drive(entry, init, queue, tests, record)));
    // Whatever a dead pool left behind runs here.
    for (let job = await queue.next(); job; job = await queue.next()) record(job.index, await execute(job));
  }
  await producer;
  return results as TestResult[];
}

/**
 * One worker: started when the first job for it arrives, then fed one job at a time until the
 * queue closes. Resolves when the worker is gone.
 */
async function drive(entry: string, init: WorkerInit, queue: JobQueue, tests: PlannedTest[], record: (i: number, r: TestResult) => void): Promise<void> {
  const first = await queue.next();
  if (!first) return;
  await new Promise<void>((resolve) => {
    let current: Job | undefined = first;
    let started = false;
    let over = false;
    const worker = new Worker(entry, { workerData: init });
    const stop = () => {
      if (over) return;
      over = true;
      worker.postMessage({ type: 'stop' } satisfies WorkerRequest);
      void worker.terminate().finally(resolve);
    };
    const send = (job: Job | undefined) => {
      current = job;
      if (!job) return stop();
      worker.postMessage({ type: 'run', index: job.index, prepared: job.prepared } satisfies WorkerRequest);
    };
    const fail = (message: string) => {
      // A worker that never started hands its job back; one that died mid-test fails that test.
      if (current && !started) queue.push(current);
      else if (current) record(current.index, crashResult(tests[current.index], current.prepared, message));
      current = undefined;
      if (!over) {
        over = true;
        void worker.terminate().finally(resolve);
      }
    };
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'ready') {
        started = true;
        send(current);
      }
      else if (msg.type === 'result') {
        record(msg.index, msg.result);
        current = undefined;
        void queue.next().then(send);
      } else fail(msg.message);
    });
    worker.on('error', (err) => fail(err?.stack ?? String(err)));
    worker.on('exit', (code) => {
      if (current) fail(`the worker exited with code ${code}`);
      over = true;
      resolve();
    });
  });
}

function crashResult(t: PlannedTest, prepared: PreparedTest, message: string): TestResult {
  return {
    ...prepared.result,
    status: 'error',
    reasons: [...prepared.result.reasons, `the test worker failed: ${message.split('\n')[0]}`],
    datasets: prepared.result.datasets.length ? prepared.result.datasets : t.datasets.map((d) => ({ url: d.ref })),
  };
}
