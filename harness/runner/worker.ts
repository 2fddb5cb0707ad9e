// A worker parses SPL: loading the command registry installs the grammar (spl/grammar.ts).
import '../engine/commands/index.js';
import { parentPort, workerData } from 'node:worker_threads';
import { shareActivity } from '../engine/activity.js';
import type { Content, Detection } from '../content/types.js';
import type { TestResult } from '../report/types.js';
import { executeTest, type PreparedTest, type RunOptions } from './run.js';
import { runScan } from './scan.js';
import { fromPlainContent, fromPlainTest, type PlainContent, type PlainTest } from './transfer.js';

/**
 * A pool worker (see pool.ts). It reads nothing of the content from disk: importing the modules
 * is its whole start-up, and it says `ready` once that is done. The pool then sends the
 * content's macros and lookups once per run (`setup`, plain data: see transfer.ts), and each job
 * brings its test and its detection file's text; jobs (datasets already resolved on the main
 * thread) run one at a time, in the order they arrive.
 */

export type WorkerRequest =
  | { type: 'setup'; content: PlainContent; options: RunOptions }
  | { type: 'run'; index: number; test: PlainTest; prepared: PreparedTest }
  | { type: 'scan'; items: Array<{ index: number; test: PlainTest; prepared: PreparedTest }> };
export type WorkerReply = { type: 'ready' } | { type: 'result'; index: number; result: TestResult } | { type: 'fatal'; message: string };

const port = parentPort;
if (port) {
  // The command this thread is inside, for the pool to name if the test runs past its budget.
  const activity = (workerData as { activity?: SharedArrayBuffer } | undefined)?.activity;
  if (activity) shareActivity(activity);
  let content: Content | undefined;
  let options: RunOptions | undefined;
  const detections = new Map<string, { text: string; detection: Detection }>();
  // Jobs run strictly one after another, in arrival order (the pool may queue a second one).
  let chain: Promise<void> = Promise.resolve();
  const fatal = (err: unknown) => port.postMessage({ type: 'fatal', message: (err as Error)?.stack ?? String(err) } satisfies WorkerReply);
  port.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'setup') {
      try {
        content = fromPlainContent(msg.content);
        options = msg.options;
      } catch (err) {
        fatal(err);
      }
      return;
    }
    chain = chain.then(async () => {
      if (!content || !options) return fatal(new Error('the worker got a job before its setup'));
      if (msg.type === 'scan') {
        let members;
        try {
          members = msg.items.map((item) => ({ test: fromPlainTest(item.test, detections), prepared: item.prepared }));
        } catch (err) {
          return fatal(err);
        }
        const items = msg.items;
        await runScan(content, members, options, (k, result) => port.postMessage({ type: 'result', index: items[k].index, result } satisfies WorkerReply));
        return;
      }
      let test;
      try {
        test = fromPlainTest(msg.test, detections);
      } catch (err) {
        return fatal(err);
      }
      const result = await executeTest(content, test, msg.prepared, options);
      port.postMessage({ type: 'result', index: msg.index, result } satisfies WorkerReply);
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}
