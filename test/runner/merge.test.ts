import { describe, expect, it } from 'vitest';
import type { TestResult } from '../../harness/report/types.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exitCodeFor, MergeError, mergeReports, planDigest, readTestReport, regressions, summarize, type TestReportData } from '../../harness/runner/merge.js';
import { tempDir } from '../support/tmp.js';

const result = (file: string, test: string, status: TestResult['status']): TestResult => ({
  key: `${file}#${test}`,
  id: file,
  name: file,
  file,
  test,
  status,
  rows: status === 'passed' ? 1 : 0,
  reasons: [],
  timings: { total: 5 },
  datasets: [],
});
const report = (results: TestResult[], duration = 10): TestReportData => ({ summary: summarize(results, duration), results });

describe('merging shard reports', () => {
  it("concatenates in file order, keeping each file's test order, and recounts", () => {
    const a = report([result('b.yml', 't1', 'passed'), result('b.yml', 'case: z', 'failed'), result('d.yml', 't1', 'error')], 30);
    const b = report([result('a.yml', 't1', 'unsupported'), result('c.yml', 't1', 'skipped')], 50);
    const merged = mergeReports([a, b]);
    expect(merged.results.map((r) => `${r.file}:${r.test}`)).toEqual(['a.yml:t1', 'b.yml:t1', 'b.yml:case: z', 'c.yml:t1', 'd.yml:t1']);
    expect(merged.summary).toEqual({ total: 5, passed: 1, failed: 1, unsupported: 1, skipped: 1, errors: 1, duration_ms: 50 });
    expect(exitCodeFor(merged.summary)).toBe(1);
    expect(exitCodeFor(summarize([result('a', 't', 'passed'), result('b', 't', 'unsupported'), result('c', 't', 'skipped')], 0))).toBe(0);
  });

  it('refuses overlapping shards', () => {
    const a = report([result('a.yml', 't1', 'passed')]);
    expect(() => mergeReports([a, a])).toThrow(/appears in report 1 and report 2 \(overlapping shards\?\)/);
  });

  it('tells apart two tests of one detection with the same name (their keys hold their position)', () => {
    // Five ESCU detections hold two tests both named "True Positive Test".
    const twin = (i: number, status: TestResult['status']) => ({ ...result('a.yml', 'True Positive Test', status), key: `a.yml#${i}` });
    const merged = mergeReports([report([twin(0, 'passed'), twin(1, 'failed')])]);
    expect(merged.results.map((r) => r.key)).toEqual(['a.yml#0', 'a.yml#1']);
    expect(merged.summary.failed).toBe(1);
    expect(regressions(report([twin(0, 'passed'), twin(1, 'passed')]), merged).map((r) => r.key)).toEqual(['a.yml#1']);
  });

  it('regressions: passed before, not now', () => {
    const before = report([result('a.yml', 't', 'passed'), result('b.yml', 't', 'failed'), result('c.yml', 't', 'passed')]);
    const now = report([result('a.yml', 't', 'error'), result('b.yml', 't', 'failed'), result('c.yml', 't', 'passed'), result('d.yml', 't', 'failed')]);
    expect(regressions(before, now).map((r) => r.file)).toEqual(['a.yml']);
  });

  it('regressions: a test of the baseline missing now is one (a lost shard must not pass)', () => {
    const before = report([result('a.yml', 't', 'passed'), result('b.yml', 't', 'failed'), result('c.yml', 't', 'passed')]);
    const now = report([result('a.yml', 't', 'passed')]);
    expect(regressions(before, now).map((r) => `${r.file} ${r.was}→${r.now}`)).toEqual(['b.yml failed→missing', 'c.yml passed→missing']);
  });

  it('regressions against a baseline written before result keys compare by file, name and repeat', () => {
    const dir = tempDir('spl-merge-');
    const legacy = [result('a.yml', 'TP', 'passed'), result('a.yml', 'TP', 'passed')].map(({ key: _key, ...rest }) => rest);
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ summary: summarize(legacy as TestResult[], 1), results: legacy }));
    const baseline = readTestReport(join(dir, 'old.json'));
    expect(baseline.legacy).toBe(true);
    const now = report([
      { ...result('a.yml', 'TP', 'passed'), key: 'a.yml#0' },
      { ...result('a.yml', 'TP', 'failed'), key: 'a.yml#1' },
    ]);
    expect(regressions(baseline, now).map((r) => `${r.key} ${r.now}`)).toEqual(['a.yml#name:TP#2 failed']);
  });
});

describe('merging shards: every shard of one plan, exactly once, complete', () => {
  const plan = ['a.yml#0', 'a.yml#1', 'b.yml#0', 'c.yml#0'];
  const digest = planDigest(plan);
  const shard = (index: number, count: number, keys: string[], opts: { digest?: string; ran?: string[] } = {}): TestReportData => ({
    ...report((opts.ran ?? keys).map((k) => ({ ...result(k.split('#')[0], 'TP', 'passed'), key: k }))),
    shard: { index, count, planned: keys, plan_total: plan.length, plan_digest: opts.digest ?? digest },
    source: `shard-${index}.json`,
  });
  const s1 = () => shard(1, 3, ['a.yml#0', 'a.yml#1']);
  const s2 = () => shard(2, 3, ['b.yml#0']);
  const s3 = () => shard(3, 3, ['c.yml#0']);

  it('merges all shards into the whole plan', () => {
    expect(mergeReports([s3(), s1(), s2()]).results.map((r) => r.key)).toEqual(plan);
  });
  it('fails on a missing shard', () => {
    expect(() => mergeReports([s1(), s3()])).toThrow(MergeError);
    expect(() => mergeReports([s1(), s3()])).toThrow(/missing shard 2\/3/);
  });
  it('fails on a shard given twice', () => {
    expect(() => mergeReports([s1(), s2(), s2(), s3()])).toThrow(/shard 2\/3 given 2 times \(shard-2\.json, shard-2\.json\)/);
  });
  it('fails on a shard that did not report everything it planned', () => {
    expect(() => mergeReports([shard(1, 3, ['a.yml#0', 'a.yml#1'], { ran: ['a.yml#0'] }), s2(), s3()])).toThrow(
      /planned 2 tests but has no result for 1: a\.yml#1/,
    );
  });
  it('fails on shards of different splits or plans, and on mixing with unsharded reports', () => {
    expect(() => mergeReports([s1(), s2(), shard(3, 4, ['c.yml#0'])])).toThrow(/different splits/);
    expect(() => mergeReports([s1(), s2(), shard(3, 3, ['c.yml#0'], { digest: 'other' })])).toThrow(/another plan/);
    expect(() => mergeReports([s1(), s2(), report([result('c.yml', 'TP', 'passed')])])).toThrow(/cannot mix/);
  });
  it('fails when the shards together planned less than the plan', () => {
    const short = (i: number, keys: string[]) => ({ ...shard(i, 2, keys), shard: { index: i, count: 2, planned: keys, plan_total: 5, plan_digest: digest } });
    expect(() => mergeReports([short(1, ['a.yml#0']), short(2, ['b.yml#0'])])).toThrow(/planned 2 tests together, but the plan has 5/);
  });
});
