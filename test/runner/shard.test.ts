import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Detection } from '../../harness/content/types.js';
import type { PlannedTest } from '../../harness/runner/plan.js';
import { assignShards, estimateCost, parseShard, selectShard, PER_TEST_COST, UNKNOWN_DATASET_BYTES } from '../../harness/runner/shard.js';
import { FIXTURE_MIRROR } from './helpers.js';

/** Planned tests for detections d0..dN with the given number of tests each. */
function tests(counts: number[]): PlannedTest[] {
  return counts.flatMap((n, d) => {
    const detection = { file: { relPath: `detections/d${String(d).padStart(3, '0')}.yml` } } as unknown as Detection;
    return Array.from({ length: n }, (_, i) => ({
      key: `d${d}#${i}`,
      detection,
      name: `t${i}`,
      kind: 'escu' as const,
      expect: 'positive' as const,
      datasets: [{ ref: `https://example.invalid/${d}/${i}.log`, source: 's', sourcetype: 't' }],
      line: 1,
      lineFile: 'x',
    }));
  });
}

describe('--shard i/n', () => {
  it('parses i/n and refuses nonsense', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(() => parseShard('0/3')).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard('4/3')).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard('a/b')).toThrow(/expects i\/n/);
  });

  it('every test lands in exactly one shard, the tests of a detection together, in plan order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 6 }), (counts, n) => {
        const all = tests(counts);
        const shards = Array.from({ length: n }, (_, i) => selectShard(all, { index: i + 1, count: n }));
        const keys = shards.flat().map((t) => t.key);
        expect(keys.sort()).toEqual(all.map((t) => t.key).sort());
        for (const s of shards) {
          const order = s.map((t) => all.indexOf(t));
          expect(order).toEqual([...order].sort((a, b) => a - b));
          for (const t of s) expect(s.filter((x) => x.detection === t.detection)).toHaveLength(all.filter((x) => x.detection === t.detection).length);
        }
      }),
    );
  });

  it('is deterministic and balanced by cost', () => {
    const all = tests([4, 1, 1, 1, 1, 2, 2]); // 12 tests, costs proportional
    const a = assignShards(all, 3);
    expect(assignShards([...all].reverse(), 3)).toEqual(a);
    const load = [0, 0, 0];
    for (const t of all) load[a.get(t.detection.file.relPath)! - 1] += estimateCost(t);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(estimateCost(all[0]));
  });

  it('keeps the detections that read one dataset in one shard, unless that one shard would carry too much', () => {
    // Ten detections, each with its own dataset, and three more that all read one shared dataset.
    const own = tests([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const sharing = tests([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]).map((t) => ({
      ...t,
      datasets: [{ ref: 'https://example.invalid/shared.log', source: 's', sourcetype: 't' }],
    }));
    const all = [...own, ...sharing];
    const a = assignShards(all, 4);
    expect(new Set(sharing.map((t) => a.get(t.detection.file.relPath))).size).toBe(1);
    // Alone on two shards, the shared group is more than half the work: it is cut.
    const b = assignShards(sharing, 2);
    expect(new Set(sharing.map((t) => b.get(t.detection.file.relPath))).size).toBe(2);
  });

  it('estimates a test by the size of the files it reads when the repository holds them', () => {
    const [t] = tests([1]);
    expect(estimateCost(t)).toBe(PER_TEST_COST + UNKNOWN_DATASET_BYTES);
    const mirrored = {
      ...t,
      datasets: [{ ref: `${FIXTURE_MIRROR.prefix}datasets/attack_techniques/T1021.006/lateral_movement/windows-sysmon.log`, source: 's', sourcetype: 't' }],
    };
    const size = estimateCost(mirrored, { mirrors: [FIXTURE_MIRROR] }) - PER_TEST_COST;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(UNKNOWN_DATASET_BYTES);
    expect(estimateCost(mirrored, { mirrors: [FIXTURE_MIRROR], noMirror: true })).toBe(PER_TEST_COST + UNKNOWN_DATASET_BYTES);
    expect(estimateCost({ ...t, skip: { status: 'skipped', reason: 'manual' } })).toBe(1);
  });
});
