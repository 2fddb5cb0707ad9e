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
