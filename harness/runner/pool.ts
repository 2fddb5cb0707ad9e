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
 * - CPU: read, evaluate, judge — on this thread and on up to `jobs - 1` worker threads (`jobs`
 *   defaults to the number of cores).
 * A worker costs a few seconds of start-up (loading modules and content), so worker k starts only
 * once k × `workerStartBytes` of prepared data exist: a run that ends mostly in preparation
 * (unsupported searches, missing datasets) or reads little never pays for threads. Workers need
 * the compiled entry (dist/harness/runner/worker.js); running the TypeScript sources (vitest)
 * stays in this thread. A worker that dies fails only the test it was running; a worker that
 * cannot start hands its test back. Results come back in plan order.
 */

export interface PoolOptions extends RunOptions {
  /** Threads doing CPU work, this one included; default the number of cores. 1 = no workers. */
  jobs?: number;
  /** How many tests prepare (resolve datasets) at once; default 4. */
  prepareConcurrency?: number;
  /** Prepared bytes per started worker; default 16 MiB. 0 starts them as soon as there is work. */
  workerStartBytes?: number;
  /** Called as each test ends (in completion order), with how many have ended. */
  onResult?: (result: TestResult, done: number, total: number) => void;
}

export const DEFAULT_WORKER_START_BYTES = 16 * 1024 * 1024;

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

/** Prepared tests, awaited by consumers until the producer closes it. Also counts the bytes queued so far. */
class JobQueue {
  private items: Job[] = [];
  private waiting: Array<(job: Job | undefined) => void> = [];
  private watchers: Array<{ bytes: number; wake: (ok: boolean) => void }> = [];
  private closed = false;
  bytes = 0;

  push(job: Job): void {
    this.bytes += job.prepared.bytes;
    for (const w of this.watchers.filter((w) => this.bytes >= w.bytes)) {
      this.watchers.splice(this.watchers.indexOf(w), 1);
      w.wake(true);
    }
    const consumer = this.waiting.shift();
    if (consumer) consumer(job);
    else this.items.push(job);
  }

  /** Hands a job back (its worker could not start): it goes to the front. */
  unshift(job: Job): void {
    const consumer = this.waiting.shift();
    if (consumer) consumer(job);
    else this.items.unshift(job);
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
    for (const w of this.watchers.splice(0)) w.wake(false);
  }

  next(): Promise<Job | undefined> {
    const job = this.items.shift();
    if (job || this.closed) return Promise.resolve(job);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Resolves true once `bytes` have been queued in total, false if the queue closes first. */
  reached(bytes: number): Promise<boolean> {
    if (this.bytes >= bytes) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((wake) => this.watchers.push({ bytes, wake }));
  }
}

export async function runTests(content: Content, tests: PlannedTest[], opts: PoolOptions): Promise<TestResult[]> {
  const { jobs: wanted, onResult, prepareConcurrency = 4, workerStartBytes = DEFAULT_WORKER_START_BYTES, ...runOptions } = opts;
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

  const inThisThread = async () => {
    for (let job = await queue.next(); job; job = await queue.next()) {
      record(job.index, await executeTest(content, tests[job.index], job.prepared, runOptions));
    }
  };
  const entry = workerEntry();
  const workers = entry ? Math.max(0, (wanted ?? defaultJobs()) - 1) : 0;
  const init: WorkerInit = {
    contentRoot: content.root,
    detectionFiles: [...new Set(tests.filter((t) => !t.skip).map((t) => t.detection.file.relPath))],
    options: runOptions,
  };
  const drivers = Array.from({ length: workers }, async (_, k) => {
    if (await queue.reached((k + 1) * workerStartBytes)) await drive(entry!, init, queue, tests, record);
  });
  await Promise.all([producer, inThisThread(), ...drivers]);
  // A job handed back after this thread's consumer finished.
  await inThisThread();
  return results as TestResult[];
}

/** One worker, fed one job at a time until the queue closes. Resolves when the worker is gone. */
async function drive(entry: string, init: WorkerInit, queue: JobQueue, tests: PlannedTest[], record: (i: number, r: TestResult) => void): Promise<void> {
  const first = await queue.next();
  if (!first) return;
  await new Promise<void>((resolve) => {
    let current: Job | undefined = first;
    let started = false;
    let over = false;
    const worker = new Worker(entry, { workerData: init });
    const end = () => {
      if (over) return;
      over = true;
      void worker.terminate().finally(resolve);
    };
    const send = (job: Job | undefined) => {
      current = job;
      if (!job) {
        worker.postMessage({ type: 'stop' } satisfies WorkerRequest);
        return end();
      }
      worker.postMessage({ type: 'run', index: job.index, prepared: job.prepared } satisfies WorkerRequest);
    };
    const fail = (message: string) => {
      // A worker that never started hands its job back; one that died mid-test fails that test.
      if (current && !started) queue.unshift(current);
      else if (current) record(current.index, crashResult(tests[current.index], current.prepared, message));
      current = undefined;
      end();
    };
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'ready') {
        started = true;
        send(current);
      } else if (msg.type === 'result') {
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
