import type { InputFile, PreparedTest } from './run.js';
import { unionNeed, type RawNeed } from './prefilter.js';

/**
 * Dataset-grouped execution, the planning half: the tests that read the same file run one after
 * another, on the same thread when it can be had (the pool's affinity), and read that file with one
 * pre-filter, the union of their searches' requirements, so that the first test's read (see
 * source-cache.ts) serves all of them. The union only keeps more events than a test's own
 * pre-filter would: those its search cannot match, so every verdict stays the same.
 */

/** Which file an input is, as far as reading it goes: path and the metadata it is read with. */
export function fileKey(f: InputFile): string {
  return JSON.stringify([f.path, f.meta.source, f.meta.sourcetype, f.meta.host ?? '', f.meta.index ?? '']);
}

/**
 * Orders jobs by dataset (the group of a test is its first file; groups in order of first
 * appearance, tests in plan order within) and gives every file the union of the requirements of
 * the tests that read it. Returns the jobs with their group key.
 */
export function groupByDataset<T extends { prepared: PreparedTest }>(jobs: T[]): Array<T & { group: string }> {
  const needs = new Map<string, RawNeed[]>();
  for (const job of jobs) {
    for (const f of job.prepared.files) {
      const key = fileKey(f);
      const list = needs.get(key) ?? [];
      list.push(f.need ?? true);
      needs.set(key, list);
    }
  }
  const union = new Map([...needs].map(([key, list]) => [key, unionNeed(list)]));
  const order = new Map<string, number>();
  const grouped = jobs.map((job) => {
    const files = job.prepared.files.map((f) => ({ ...f, groupNeed: union.get(fileKey(f)) }));
    const group = files.length ? fileKey(files[0]) : '';
    if (!order.has(group)) order.set(group, order.size);
    return { ...job, prepared: { ...job.prepared, files }, group };
  });
  // A stable sort: plan order within a group.
  return grouped.sort((a, b) => order.get(a.group)! - order.get(b.group)!);
}

/**
 * A shared scan's cost, in bytes read: the read itself, and for each search a share of it (the
 * searches' own work over the rows; about 1 % of a read each on the corpus benchmark).
 */
const SCAN_COST_PER_SEARCH = 0.01;

/** What a shared scan of `bytes` for `searches` searches costs, in bytes read. */
export function scanCost(bytes: number, searches: number): number {
  return bytes * (1 + searches * SCAN_COST_PER_SEARCH);
}

/**
 * The most a cut scan's piece may cost, against the whole scan, for the cut to be worth it. Each
 * piece reads the file again, and two threads on a 2-vCPU runner each run at about two-thirds of
 * one thread's speed (together 1.3-1.4×, docs/BENCHMARKS.md, the pool), so a cut that shortens the
 * longest job by less than a third makes the run slower: 20 searches over one 200 MB file cut in
 * two took 12.3 s against 7.6 s uncut. With the per-search share below, only scans of more than
 * about 230 searches are cut.
 */
const WORTHWHILE_CUT = 0.65;

/**
 * Cuts the largest shared scans so that `threads` threads can end together: a scan that would cost
 * more than an even share of the whole is split, its searches in plan order, into as many scans as
 * it takes (each reads the file; their searches no longer share the read), when the searches' own
 * work outweighs the extra reads (`WORTHWHILE_CUT`). Returns the scans, most costly first, so that
 * the pool starts them first.
 */
export function balanceScans<T>(scans: T[][], bytesOf: (scan: T[]) => number, threads: number): T[][] {
  const cost = (scan: T[]) => scanCost(bytesOf(scan), scan.length);
  const total = scans.reduce((sum, s) => sum + cost(s), 0);
  const share = total / Math.max(1, threads);
  const pieces: T[][] = [];
  for (const scan of scans) {
    const k = threads > 1 ? Math.min(Math.floor(scan.length / 2), Math.ceil(cost(scan) / share)) : 1;
    const piece = scanCost(bytesOf(scan), Math.ceil(scan.length / Math.max(1, k)));
    if (k <= 1 || piece > WORTHWHILE_CUT * cost(scan)) {
      pieces.push(scan);
      continue;
    }
    const size = Math.ceil(scan.length / k);
    for (let i = 0; i < scan.length; i += size) pieces.push(scan.slice(i, i + size));
  }
  return pieces.sort((a, b) => cost(b) - cost(a));
}
