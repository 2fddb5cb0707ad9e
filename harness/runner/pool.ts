import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Content } from '../content/types.js';
import type { TestResult } from '../report/types.js';
import type { PlannedTest } from './plan.js';
import { executeTest, prepareTest, type PreparedTest, type RunOptions } from './run.js';
import { toPlainContent, toPlainTest, type PlainContent } from './transfer.js';
import { balanceScans, groupByDataset } from './groups.js';
import { runScan, scanKey, scannable } from './scan.js';
import { ACTIVITY_BYTES, readActivity } from '../engine/activity.js';
import { compileSearchText } from './compile.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

/**
 * Running many tests. The work splits in two:
 * - I/O on the main thread: compile each search (unsupported or broken searches end here) and
 *   resolve its datasets — several at a time, through one dataset cache;
 * - CPU: read, evaluate, judge — on this thread and on up to `jobs - 1` worker threads (`jobs`
 *   defaults to the number of cores).
 *
 * A worker's start-up is importing the modules (≈ 0.4 s on an idle core): it reads nothing of
 * the content from disk. The content's macros and lookups reach it once per run as plain data,
 * and each job brings its test and its detection file (see transfer.ts). Even so, a worker's
 * first tests run cold (JIT, the add-on tables of each sourcetype, lookups), so worker k starts
 * only once k × `workerStartBytes` of prepared data exist: a run that ends mostly in
 * preparation or reads little never pays for threads. (Starting workers while the content
 * loads was measured and rejected, issue 9: on 2 cores the worker's start-up takes the core the
 * main thread's garbage collector works on, and small runs ended 0.3 s later.)
 *
 * Each worker holds up to two jobs (the one it runs and the next, if one is already queued), so
 * it does not sit idle while this thread is inside a long test of its own and cannot answer.
 * Workers need the compiled entry (dist/harness/runner/worker.js); running the TypeScript
 * sources (vitest) stays in this thread. A worker that dies fails only the test it was running
 * (a job it held next goes back to the queue); a worker that cannot start takes no job. Results
 * come back in plan order.
 */

export interface PoolOptions extends RunOptions {
  /** Threads doing CPU work, this one included; default the number of cores. 1 = no workers. */
  jobs?: number;
  /** How many tests prepare (resolve datasets) at once; default 4. */
  prepareConcurrency?: number;
  /** Prepared bytes per started worker; default 16 MiB. 0 starts them as soon as there is work. Ignored with `pool`. */
  workerStartBytes?: number;
  /** Workers started beforehand (WorkerPool): used as soon as each is ready, whatever `workerStartBytes`; left running. */
  pool?: WorkerPool;
  /** Each worker thread's JavaScript heap limit in MB (`DEFAULT_HEAP_LIMIT_MB`); 0: V8's own, sized from the machine's memory. Ignored with `pool`. */
  heapLimitMb?: number;
  /** Called as each test ends (in completion order), with how many have ended. */
  onResult?: (result: TestResult, done: number, total: number) => void;
}

const DEFAULT_WORKER_START_BYTES = 16 * 1024 * 1024;

/**
 * A worker's heap limit. V8 sizes a thread's heap from the machine's memory (4 GB on a 24 GB
 * runner) and lets garbage pile up toward it between full collections: 831 searches grouped over
 * 68 MB peaked at 736 MB of RSS, against 498 MB with 1 GB here (2 GB: 736 MB again), at the same
 * CPU time and with the same results. The shared scan bounds what it keeps (scan.ts), so a test
 * reaching the limit is one whose own state (a stats table) outgrew it: it fails, saying so.
 */
export const DEFAULT_HEAP_LIMIT_MB = 1024;
/** Jobs a worker holds at once: the one it runs and the next. */
const WORKER_DEPTH = 2;

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

/** One worker thread: ready once its modules are loaded; replies go to whoever drives it. */
class Slot {
  readonly worker: Worker;
  /** Where the worker records the command it is running (engine/activity.ts). */
  readonly activity = new SharedArrayBuffer(ACTIVITY_BYTES);
  /** Resolves true once the worker said `ready`, false if it failed or exited first. */
  readonly ready: Promise<boolean>;
  dead = false;
  /** The run that last sent its setup (a pool may serve several runs, one after another). */
  setupFor: object | undefined;
  onReply: (msg: WorkerReply) => void = () => {};
  onDeath: (message: string) => void = () => {};

  constructor(entry: string, heapLimitMb: number) {
    const resourceLimits = heapLimitMb > 0 ? { maxOldGenerationSizeMb: heapLimitMb } : undefined;
    this.worker = new Worker(entry, { workerData: { activity: this.activity }, resourceLimits });
    let settle!: (ok: boolean) => void;
    this.ready = new Promise((resolve) => (settle = resolve));
    const die = (message: string) => {
      if (this.dead) return;
      this.dead = true;
      settle(false);
      this.onDeath(message);
    };
    this.worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'ready') {
        settle(true);
      } else this.onReply(msg);
    });
    this.worker.on('error', (err: Error & { code?: string }) =>
      die(
        err?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `it ran out of memory: its thread's heap limit is ${heapLimitMb} MB (raise it with --heap-limit or heap_limit_mb: in spl-harness.yml)`
          : (err?.stack ?? String(err)),
      ),
    );
    this.worker.on('exit', (code) => die(`the worker exited with code ${code}`));
  }

  post(msg: WorkerRequest): void {
    this.worker.postMessage(msg);
  }

  terminate(): Promise<unknown> {
    this.dead = true;
    return this.worker.terminate();
  }
}

/** Worker threads, started ahead of a run or by it, reusable by later runs; whoever starts them closes them. */
export class WorkerPool {
  readonly slots: Slot[] = [];

  constructor(
    readonly entry: string,
    private readonly heapLimitMb = DEFAULT_HEAP_LIMIT_MB,
  ) {}

  spawn(): Slot {
    const slot = new Slot(this.entry, this.heapLimitMb);
    this.slots.push(slot);
    return slot;
  }

  /** Resolves once every worker is ready or gone: how many are ready. */
  async ready(): Promise<number> {
    return (await Promise.all(this.slots.map((s) => s.ready))).filter(Boolean).length;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.terminate()));
  }
}

interface Job {
  index: number;
  prepared: PreparedTest;
  /** The dataset group (groups.ts): a thread prefers the next job of the group it just ran. */
  group?: string;
  /**
   * A shared scan (scan.ts): the tests that read the same files, run with one read. `index` and
   * `prepared` are its first member's; `pending` the members whose results have not come back.
   */
  members?: Member[];
  pending?: Set<number>;
}

interface Member {
  index: number;
  prepared: PreparedTest;
}

/** Prepared tests, awaited by consumers until the producer closes it. Also counts the bytes queued so far. Exported for its tests. */
export class JobQueue {
  private items: Job[] = [];
  private waiting: Array<(job: Job | undefined) => void> = [];
  private watchers: Array<{ bytes: number; jobs: number; wake: (ok: boolean) => void }> = [];
  private closed = false;
  bytes = 0;
  /** Jobs queued so far. */
  pushed = 0;

  push(job: Job): void {
    this.bytes += job.prepared.bytes;
    this.pushed++;
    for (const w of this.watchers.filter((w) => this.bytes >= w.bytes && this.pushed >= w.jobs)) {
      this.watchers.splice(this.watchers.indexOf(w), 1);
      w.wake(true);
    }
    const consumer = this.waiting.shift();
    if (consumer) consumer(job);
    else this.items.push(job);
  }

  /** Hands jobs back (their worker could not run them): they go to the front, in order. */
  unshift(...jobs: Job[]): void {
    for (const job of jobs.reverse()) {
      const consumer = this.waiting.shift();
      if (consumer) consumer(job);
      else this.items.unshift(job);
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w(undefined);
    for (const w of this.watchers.splice(0)) w.wake(false);
  }

  next(prefer?: string): Promise<Job | undefined> {
    const job = this.take(prefer);
    if (job || this.closed) return Promise.resolve(job);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A job queued right now, without waiting: the first of group `prefer` if any, else the first. */
  take(prefer?: string): Job | undefined {
    const at = prefer === undefined ? -1 : this.items.findIndex((j) => j.group === prefer);
    return at > 0 ? this.items.splice(at, 1)[0] : this.items.shift();
  }

  /** Resolves true once `bytes` and `jobs` jobs (at least one) have been queued in total, false if the queue closes first. */
  reached(bytes: number, jobs = 1): Promise<boolean> {
    const least = Math.max(1, jobs);
    if (this.pushed >= least && this.bytes >= bytes) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((wake) => this.watchers.push({ bytes, jobs: least, wake }));
  }
}

export async function runTests(content: Content, tests: PlannedTest[], opts: PoolOptions): Promise<TestResult[]> {
  const {
    jobs: wanted,
    onResult,
    prepareConcurrency = 4,
    workerStartBytes = DEFAULT_WORKER_START_BYTES,
    pool: given,
    heapLimitMb = DEFAULT_HEAP_LIMIT_MB,
    ...runOptions
  } = opts;
  const results: Array<TestResult | undefined> = new Array(tests.length);
  let done = 0;
  const record = (index: number, result: TestResult) => {
    results[index] = result;
    onResult?.(result, ++done, tests.length);
  };

  const queue = new JobQueue();
  const producer = (async () => {
    let next = 0;
    const prepared: Job[] = [];
    const lane = async () => {
      while (next < tests.length) {
        const i = next++;
        const p = await prepareTest(content, tests[i], runOptions);
        if ('done' in p) record(i, p.done);
        else prepared.push({ index: i, prepared: p });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, prepareConcurrency) }, lane));
    // Every test is prepared before any runs, so that the tests of one dataset can be grouped.
    prepared.sort((a, b) => a.index - b.index);
    for (const job of plan(prepared)) queue.push(job);
    queue.close();
  })();

  // Tests that read the same files share one scan of them (scan.ts); the others run one by one,
  // those of one dataset after one another (groups.ts).
  function plan(prepared: Job[]): Job[] {
    if (runOptions.noGroup) return prepared;
    const scans = new Map<string, Job[]>();
    const single: Job[] = [];
    for (const job of prepared) {
      if (!scannable(tests[job.index], job.prepared, runOptions)) single.push(job);
      else {
        const key = scanKey(job.prepared);
        if (!scans.has(key)) scans.set(key, []);
        scans.get(key)!.push(job);
      }
    }
    const shared: Job[] = [];
    const threads = Math.max(1, wanted ?? defaultJobs());
    // A scan of one test too: it feeds a tstats search row by row with no async step per row
    // (engine/push.ts), so it beats the test's own read on large files (a tstats search over every
    // process of 200 MB of Sysmon events: 4.6 s against 8.8 s), whatever the grouping.
    for (const list of balanceScans([...scans.values()], (scan) => scan[0].prepared.bytes, threads)) {
      shared.push({ ...list[0], members: list.map(({ index, prepared }) => ({ index, prepared })) });
    }
    return [...shared, ...groupByDataset(single.sort((a, b) => a.index - b.index))];
  }

  const inThisThread = async () => {
    let group: string | undefined;
    for (let job = await queue.next(group); job; job = await queue.next(group)) {
      group = job.group;
      const members = job.members;
      if (members) {
        const scanMembers = members.map((m) => ({ test: tests[m.index], prepared: m.prepared }));
        await runScan(content, scanMembers, runOptions, (k, result) => record(members[k].index, result));
      } else record(job.index, await executeTest(content, tests[job.index], job.prepared, runOptions));
    }
  };

  // A time budget can only be enforced on a thread that can be stopped: with one, every test
  // runs in a worker and this thread only prepares and collects (a worker's start-up, ≈ 0.4 s, is
  // the price of never hanging). Running from sources there is no worker entry: no hard bound.
  const budgetMs = runOptions.testTimeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const bounded = budgetMs > 0 && (given?.entry ?? workerEntry()) !== undefined;
  const workers = bounded ? Math.max(1, wanted ?? defaultJobs()) : Math.max(0, (wanted ?? defaultJobs()) - 1);
  const entry = workers > 0 ? (given?.entry ?? workerEntry()) : undefined;
  const pool = entry ? (given ?? new WorkerPool(entry, heapLimitMb)) : undefined;
  let plain: PlainContent | undefined;
  const run: Run = {
    setup: (): WorkerRequest => ({ type: 'setup', content: (plain ??= toPlainContent(content)), options: runOptions }),
    tests,
    queue,
    record,
    budgetMs: bounded ? budgetMs : 0,
    respawn: () => pool?.spawn(),
    content,
  };
  let drivers: Array<Promise<void>> = [];
  if (pool && given) {
    // Workers already started: each joins as soon as it is ready.
    drivers = pool.slots.slice(0, workers).map((slot) => drive(slot, run));
  } else if (pool) {
    const first = bounded ? 0 : 1;
    // Thread k + first starts once there is work for it: its share of the bytes, and a job of its
    // own (a run of one shared scan, however large, keeps one thread: a second would only start).
    drivers = Array.from({ length: workers }, async (_, k) => {
      if (await queue.reached((k + first) * workerStartBytes, k + first + 1)) await drive(pool.spawn(), run);
    });
  }
  try {
    await Promise.all([producer, bounded ? undefined : inThisThread(), ...drivers]);
    // Jobs handed back after this thread's consumer finished.
    await inThisThread();
  } finally {
    if (!given) await pool?.close();
  }
  return results as TestResult[];
}

interface Run {
  setup(): WorkerRequest;
  tests: PlannedTest[];
  queue: JobQueue;
  record: (i: number, r: TestResult) => void;
  /** Each test's time budget in a worker; 0 = none. */
  budgetMs: number;
  /** A new worker, to replace one stopped for running past the budget. */
  respawn: () => Slot | undefined;
  content: Content;
}

/** The default `--test-timeout`: generous for the largest ESCU datasets, short of a CI job's patience. */
export const DEFAULT_TEST_TIMEOUT_MS = 5 * 60_000;

/**
 * Feeds one worker until the queue closes: a job whenever it holds fewer than WORKER_DEPTH
 * (the second one only if it is already queued, so that an idle main thread is never kept from
 * a job a busy worker merely holds). Resolves when the worker has nothing left or is gone.
 */
async function drive(slot: Slot, run: Run): Promise<void> {
  if (!(await slot.ready) || slot.dead) return;
  if (await driveOne(slot, run)) {
    // The worker was stopped mid-test: a fresh one takes over the rest of the queue.
    const fresh = run.respawn();
    if (fresh) await drive(fresh, run);
  }
}

/** Feeds one worker; resolves true when it was stopped because a test ran past its budget. */
async function driveOne(slot: Slot, run: Run): Promise<boolean> {
  if (slot.setupFor !== run) {
    try {
      slot.post(run.setup());
    } catch {
      // Options or content that cannot be cloned: this run does without the worker.
      return false;
    }
    slot.setupFor = run;
  }
  return new Promise<boolean>((resolve) => {
    const held: Job[] = [];
    // The dataset group this worker last took: it prefers the next test of it (groups.ts).
    let group: string | undefined;
    let closed = false;
    let waiting = false;
    let retired = false;
    // The worker runs its jobs in order: the budget clock runs for the first one it holds.
    let timer: NodeJS.Timeout | undefined;
    let timed: Job | undefined;
    const arm = () => {
      if (!run.budgetMs || held[0] === timed) return;
      clearTimeout(timer);
      timed = held[0];
      // A shared scan has the budgets of all its tests.
      timer = timed && setTimeout(() => overrun(timed!), run.budgetMs * (timed.members?.length ?? 1));
    };
    const send = (job: Job) => {
      try {
        if (job.members) {
          const items = job.members.map((m) => ({ index: m.index, test: toPlainTest(run.tests[m.index]), prepared: m.prepared }));
          slot.post({ type: 'scan', items });
          job.pending = new Set(job.members.map((m) => m.index));
        } else slot.post({ type: 'run', index: job.index, test: toPlainTest(run.tests[job.index]), prepared: job.prepared });
        held.push(job);
        group = job.group;
        arm();
      } catch {
        // A job that cannot be cloned runs in the main thread; this worker takes no more in this run.
        run.queue.unshift(job);
        retired = true;
      }
    };
    const finish = (stopped = false) => {
      clearTimeout(timer);
      slot.onReply = () => {};
      slot.onDeath = () => {};
      resolve(stopped);
    };
    const overrun = (job: Job) => {
      // JavaScript cannot interrupt a running RegExp or loop: the whole worker is stopped.
      const activity = readActivity(slot.activity);
      const [, ...next] = held.splice(0);
      // A scan past its budget does not say which search held it: its unfinished tests run alone,
      // each with its own budget.
      if (job.members) run.queue.unshift(...unfinished(job), ...next);
      else {
        run.record(
          job.index,
          overrunResult(run.tests[job.index], job.prepared, run.budgetMs, activity && describeActivity(run.tests[job.index], run.content, activity)),
        );
        if (next.length) run.queue.unshift(...next);
      }
      finish(true);
      void slot.terminate();
    };
    const fill = () => {
      if (slot.dead) return;
      if (held.length === 0) {
        if (closed || retired) return finish();
        if (waiting) return;
        waiting = true;
        void run.queue.next(group).then((job) => {
          waiting = false;
          if (!job) closed = true;
          else if (slot.dead) run.queue.unshift(job);
          else send(job);
          fill();
        });
        return;
      }
      while (held.length < WORKER_DEPTH && !retired) {
        const job = run.queue.take(group);
        if (!job) break;
        send(job);
      }
    };
    const fail = (message: string) => {
      // The job it was running fails (a scan's unfinished tests run again alone); the ones it held next go back to the queue.
      const [running, ...next] = held.splice(0);
      if (running?.members) next.unshift(...unfinished(running));
      else if (running) run.record(running.index, crashResult(run.tests[running.index], running.prepared, message));
      if (next.length) run.queue.unshift(...next);
      finish();
    };
    slot.onDeath = fail;
    slot.onReply = (msg) => {
      if (msg.type === 'result') {
        const at = held.findIndex((j) => (j.pending ? j.pending.has(msg.index) : j.index === msg.index));
        if (at >= 0 && held[at].pending) held[at].pending!.delete(msg.index);
        if (at >= 0 && (held[at].pending?.size ?? 0) === 0) held.splice(at, 1);
        run.record(msg.index, msg.result);
        arm();
        fill();
      } else if (msg.type === 'fatal') {
        fail(msg.message);
        void slot.terminate();
      }
    };
    fill();
  });
}

/** The tests of a scan whose results have not come back, as jobs of their own. */
function unfinished(job: Job): Job[] {
  return job.members!.filter((m) => job.pending?.has(m.index) ?? true).map((m) => ({ index: m.index, prepared: m.prepared }));
}

function crashResult(t: PlannedTest, prepared: PreparedTest, message: string): TestResult {
  return {
    ...prepared.result,
    status: 'error',
    reasons: [...prepared.result.reasons, `the test worker failed: ${message.split('\n')[0]}`],
    datasets: prepared.result.datasets.length ? prepared.result.datasets : t.datasets.map((d) => ({ url: d.ref })),
  };
}

/** The command a stopped worker was inside, as `name` and the start of its text in the expanded search. */
function describeActivity(t: PlannedTest, content: Content, at: { command: string; offset: number }): string {
  let text = '';
  try {
    text = compileSearchText(t.detection.search, content, t.detection.file).text;
  } catch {
    // The name alone still says where it hung.
  }
  const snippet = text.slice(at.offset, at.offset + 200);
  if (!snippet.startsWith(at.command)) return `\`${at.command}\``;
  const cut = snippet.search(/\s\|\s/);
  const shown = (cut > 0 ? snippet.slice(0, cut) : snippet).trim();
  return `\`${shown.length > 120 ? shown.slice(0, 117) + '...' : shown}\``;
}

function overrunResult(t: PlannedTest, prepared: PreparedTest, budgetMs: number, command: string | undefined): TestResult {
  const seconds = budgetMs >= 10_000 ? `${Math.round(budgetMs / 1000)} s` : `${budgetMs / 1000} s`;
  return {
    ...prepared.result,
    status: 'error',
    reasons: [
      ...prepared.result.reasons,
      `timed out: the test ran past its time budget of ${seconds}${command ? ` while running ${command}` : ''}, and was stopped ` +
        `(a catastrophic regular expression, or too much data; raise it with --test-timeout or test_timeout: in spl-harness.yml)`,
    ],
    datasets: prepared.result.datasets.length ? prepared.result.datasets : t.datasets.map((d) => ({ url: d.ref })),
  };
}
