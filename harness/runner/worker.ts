import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadContent, readYamlFile, toDetection } from '../content/load.js';
import type { Content, Detection, Finding } from '../content/types.js';
import type { TestResult } from '../report/types.js';
import { planTests, type PlannedTest } from './plan.js';
import { executeTest, type PreparedTest, type RunOptions } from './run.js';

/**
 * A pool worker (see pool.ts). Parsed YAML with position lookups cannot cross a thread
 * boundary, so the worker loads the content's macros, lookups and data sources plus only the
 * detections it may be asked about, then executes prepared tests (datasets already resolved on
 * the main thread) one at a time.
 */

export interface WorkerInit {
  contentRoot: string;
  detectionFiles: string[];
  options: RunOptions;
}

export type WorkerRequest = { type: 'run'; index: number; prepared: PreparedTest } | { type: 'stop' };
export type WorkerReply = { type: 'ready' } | { type: 'result'; index: number; result: TestResult } | { type: 'fatal'; message: string };

/** The content with just the named detections loaded. */
export function loadPartialContent(root: string, detectionFiles: string[]): Content {
  const content = loadContent(root, { skipDetections: true });
  const findings: Finding[] = [];
  const detections: Detection[] = [];
  for (const rel of detectionFiles) {
    const file = readYamlFile(root, join(root, rel), findings);
    const d = file && toDetection(file);
    if (d) detections.push(d);
  }
  return { ...content, detections };
}

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  let content: Content;
  let byKey: Map<string, PlannedTest>;
  try {
    content = loadPartialContent(init.contentRoot, init.detectionFiles);
    byKey = new Map(planTests(content, content.detections).tests.map((t) => [t.key, t]));
    port.postMessage({ type: 'ready' } satisfies WorkerReply);
  } catch (err) {
    port.postMessage({ type: 'fatal', message: (err as Error)?.stack ?? String(err) } satisfies WorkerReply);
  }
  port.on('message', async (msg: WorkerRequest) => {
    if (msg.type === 'stop') {
      port.close();
      return;
    }
    const test = byKey?.get(msg.prepared.key);
    if (!test) {
      port.postMessage({ type: 'fatal', message: `the worker has no test '${msg.prepared.key}' (did the content change during the run?)` } satisfies WorkerReply);
      return;
    }
    const result = await executeTest(content, test, msg.prepared, init.options);
    port.postMessage({ type: 'result', index: msg.index, result } satisfies WorkerReply);
  });
}
