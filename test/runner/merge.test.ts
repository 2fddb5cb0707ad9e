import { describe, expect, it } from 'vitest';
import type { TestResult } from '../../harness/report/types.js';
import { exitCodeFor, mergeReports, regressions, summarize, type TestReportData } from '../../harness/runner/merge.js';

const result = (file: string, test: string, status: TestResult['status']): TestResult => ({ key: `${file}#${test}`, id: file, name: file, file, test, status, rows: status === 'passed' ? 1 : 0, reasons: [], timings: { total: 5 }, datasets: [] });
const report = (results: TestResult[], duration = 10): TestReportData => ({ summary: summarize(results, duration), results });

describe('merging shard reports', () => {
  it('concatenates in file order, keeping each file\'s test order, and recounts', () => {
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
    expect(() => mergeReports([a, a])).toThrow(/appears in more than one report/);
  });

  it('regressions: passed before, not now', () => {
    const before = report([result('a.yml', 't', 'passed'), result('b.yml', 't', 'failed'), result('c.yml', 't', 'passed')]);
    const now = report([result('a.yml', 't', 'error'), result('b.yml', 't', 'failed'), result('c.yml', 't', 'passed'), result('d.yml', 't', 'failed')]);
    expect(regressions(before, now).map((r) => r.file)).toEqual(['a.yml']);
  });
});
