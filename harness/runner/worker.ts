import { parentPort, workerData } from 'node:worker_threads';
import { loadContent } from '../content/load.js';
import type { Content } from '../content/types.js';
import { planTests, type PlannedTest } from './plan.js';
import { runTest, type RunOptions } from './run.js';

/**
 * A pool worker (see pool.ts). It loads the content itself — parsed YAML with position lookups
 * cannot cross a thread boundary — plans the detections it was given, then runs tests by key
 * as the pool hands them out, one at a time.
 */

export interface WorkerInit {
  contentRoot: string;
  detectionFiles: string[];
  options: RunOptions;
}

export type WorkerRequest = { type: 'run'; index: number; key: string } | { type: 'stop' };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; index: number; result: import('../report/types.js').TestResult }
  | { type: 'fatal'; message: string };

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  let content: Content;
  let byKey: Map<string, PlannedTest>;
  try {
    content = loadContent(init.contentRoot);
    const wanted = new Set(init.detectionFiles);
    const plan = planTests(content, content.detections.filter((d) => wanted.has(d.file.relPath)));
    byKey = new Map(plan.tests.map((t) => [t.key, t]));
    port.postMessage({ type: 'ready' } satisfies WorkerReply);
  } catch (err) {
    port.postMessage({ type: 'fatal', message: (err as Error)?.stack ?? String(err) } satisfies WorkerReply);
    process.exit(1);
  }
  port.on('message', async (msg: WorkerRequest) => {
    if (msg.type === 'stop') {
      port.close();
      return;
    }
    const test = byKey.get(msg.key);
    if (!test) {
      port.postMessage({ type: 'fatal', message: `worker has no test '${msg.key}' (content changed while running?)` } satisfies WorkerReply);
      return;
    }
    const result = await runTest(content, test, init.options);
    port.postMessage({ type: 'result', index: msg.index, result } satisfies WorkerReply);
  });
}
