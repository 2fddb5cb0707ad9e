import { scanCost } from './groups.js';
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { MirrorRule } from '../config.js';
import type { PlannedTest } from './plan.js';

/**
 * `--shard i/n`: split the planned tests over n CI runners so that together they run every test
 * exactly once. The split must be the same on every machine, so it depends only on the plan and
 * on files in the repository (mirror fixtures), never on a machine's cache. The tests of one
 * detection stay together (a merged report keeps their order), and so do the detections that read a
 * common dataset where the balance allows (the shard then reads it once for all of them); the groups
 * are dealt out greedily, largest estimated cost first, to the least-loaded shard (the LPT
 * heuristic), ties broken by file name and shard number.
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
  return fixedCost(test) + test.datasets.reduce((n, d) => n + datasetBytes(d.ref, opts), 0);
}

/** A test's cost besides its datasets: the fixed cost per test and its inline events (1 for a skipped test). */
function fixedCost(test: PlannedTest): number {
  if (test.skip) return 1;
  return PER_TEST_COST + (test.sidecar?.events ?? []).reduce((n, e) => n + e.raw.length, 0);
}

function datasetBytes(ref: string, opts: CostOptions): number {
  return localSize(ref, opts) ?? UNKNOWN_DATASET_BYTES;
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

/**
 * Detection file → 1-based shard number. Detections that read a common dataset stay in one shard
 * where the balance allows, so that the dataset is read once (runner/scan.ts shares one read among
 * every test of a file): a file counts once in its group's cost, plus a share per test reading it.
 * A group costing more than an even share of the whole is cut, its detections in name order.
 */
export function assignShards(tests: PlannedTest[], count: number, opts: CostOptions = {}): Map<string, number> {
  const units = new Map<string, { cost: number; datasets: Map<string, number> }>();
  for (const t of tests) {
    const file = t.detection.file.relPath;
    const unit = units.get(file) ?? { cost: 0, datasets: new Map<string, number>() };
    unit.cost += fixedCost(t);
    if (!t.skip) for (const d of t.datasets) unit.datasets.set(d.ref, datasetBytes(d.ref, opts));
    units.set(file, unit);
  }
  const groups = datasetGroups(units);
  const costOf = (files: string[]) => {
    const reads = new Map<string, { bytes: number; uses: number }>();
    let cost = 0;
    for (const f of files) {
      const unit = units.get(f)!;
      cost += unit.cost;
      for (const [ref, bytes] of unit.datasets) reads.set(ref, { bytes, uses: (reads.get(ref)?.uses ?? 0) + 1 });
    }
    for (const { bytes, uses } of reads.values()) cost += scanCost(bytes, uses);
    return cost;
  };
  const total = groups.reduce((n, g) => n + costOf(g), 0);
  const share = total / count;
  const pieces: string[][] = [];
  for (const g of groups) {
    if (count === 1 || g.length === 1 || costOf(g) <= share) {
      pieces.push(g);
      continue;
    }
    // Cut a group too costly for one shard: fill each piece up to an even share.
    let piece: string[] = [];
    for (const f of g) {
      if (piece.length && costOf([...piece, f]) > share) {
        pieces.push(piece);
        piece = [];
      }
      piece.push(f);
    }
    pieces.push(piece);
  }
  const order = pieces
    .map((files) => ({ files, cost: costOf(files) }))
    .sort((a, b) => b.cost - a.cost || (a.files[0] < b.files[0] ? -1 : a.files[0] > b.files[0] ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const out = new Map<string, number>();
  for (const { files, cost } of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (load[s] < load[best]) best = s;
    load[best] += cost;
    for (const f of files) out.set(f, best + 1);
  }
  return out;
}

/** Detection files joined when they read a common dataset (connected components), each sorted by name. */
function datasetGroups(units: Map<string, { datasets: Map<string, number> }>): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const firstReader = new Map<string, string>();
  for (const [file, unit] of units) {
    parent.set(file, file);
    for (const ref of unit.datasets.keys()) {
      const other = firstReader.get(ref);
      if (other === undefined) firstReader.set(ref, file);
      else {
        const [a, b] = [find(file), find(other)].sort();
        parent.set(b, a);
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const file of units.keys()) {
    const root = find(file);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(file);
  }
  return [...groups.values()].map((g) => g.sort());
}
