import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { MirrorRule } from '../config.js';
import type { PlannedTest } from './plan.js';

/**
 * `--shard i/n`: split the planned tests over n CI runners so that together they run every test
 * exactly once. The split must be the same on every machine, so it depends only on the plan and
 * on files in the repository (mirror fixtures), never on a machine's cache. The tests of one
 * detection stay together (they often share datasets, and a merged report keeps their order);
 * detections are dealt out greedily, largest estimated cost first, to the least-loaded shard
 * (the LPT heuristic), ties broken by file name and shard number.
 */

export interface ShardSpec {
  index: number; // 1-based
  count: number;
}

export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`--shard expects i/n (e.g. 2/4), got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new Error(`--shard ${text}: need 1 ≤ i ≤ n`);
  return { index, count };
}

/** Bytes assumed for a dataset whose size is not known locally (a typical attack_data log). */
export const UNKNOWN_DATASET_BYTES = 1_000_000;
/** Fixed cost per test (compile, plan, assert), in the same unit as bytes. */
export const PER_TEST_COST = 50_000;

export interface CostOptions {
  mirrors?: MirrorRule[];
  noMirror?: boolean;
}

/** Estimated cost of one test: the bytes it reads when known from the repository, else a typical size. */
export function estimateCost(test: PlannedTest, opts: CostOptions = {}): number {
  if (test.skip) return 1;
  let cost = PER_TEST_COST;
  for (const d of test.datasets) cost += localSize(d.ref, opts) ?? UNKNOWN_DATASET_BYTES;
  for (const e of test.sidecar?.events ?? []) cost += e.raw.length;
  return cost;
}

function localSize(ref: string, opts: CostOptions): number | undefined {
  let path: string | undefined;
  if (isAbsolute(ref)) path = ref;
  else if (!opts.noMirror) {
    const rule = (opts.mirrors ?? []).find((m) => ref.startsWith(m.prefix) && !/^https?:\/\//.test(m.target));
    if (rule) path = join(rule.target, decodeURIComponent(ref.slice(rule.prefix.length)));
  }
  if (!path) return undefined;
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** The tests of shard `spec`, in plan order. */
export function selectShard(tests: PlannedTest[], spec: ShardSpec, opts: CostOptions = {}): PlannedTest[] {
  const assignment = assignShards(tests, spec.count, opts);
  return tests.filter((t) => assignment.get(t.detection.file.relPath) === spec.index);
}

/** Detection file → 1-based shard number. */
export function assignShards(tests: PlannedTest[], count: number, opts: CostOptions = {}): Map<string, number> {
  const groups = new Map<string, number>();
  for (const t of tests) {
    const file = t.detection.file.relPath;
    groups.set(file, (groups.get(file) ?? 0) + estimateCost(t, opts));
  }
  const order = [...groups.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const out = new Map<string, number>();
  for (const [file, cost] of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    load[best] += cost;
    out.set(file, best + 1);
  }
  return out;
}
