import { readFileSync } from 'node:fs';
import type { Finding } from '../content/types.js';
import type { TestResult, TestStatus, TestSummary } from '../report/types.js';

/**
 * Joining shard reports. Each shard of a `--shard i/n` run writes a JSON report
 * (`{summary, results}`); merging concatenates the results in content order (file, then the
 * order within each shard, which keeps a detection's tests in plan order because a detection
 * never spans shards) and recomputes the summary. The merged duration is the longest shard's:
 * shards run side by side.
 */

export interface TestReportData {
  summary: TestSummary;
  results: TestResult[];
  /** Content findings the run reported (e.g. sidecar schema problems); every shard reports them alike. */
  findings?: Finding[];
}

const STATUSES: TestStatus[] = ['passed', 'failed', 'unsupported', 'error', 'skipped'];

/** Reads and checks one shard report. Throws an Error naming the file and what is wrong. */
export function readTestReport(path: string): TestReportData {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not a readable JSON report (${(err as Error).message})`);
  }
  const d = data as Partial<TestReportData> | null;
  if (!d || typeof d !== 'object' || !d.summary || !Array.isArray(d.results)) {
    throw new Error(`${path}: not a test report (expected {"summary":…, "results":[…]} as written by 'spl-harness test --format json')`);
  }
  d.results.forEach((r, i) => {
    if (!r || typeof r.file !== 'string' || typeof r.test !== 'string' || !STATUSES.includes(r.status)) {
      throw new Error(`${path}: result ${i + 1} lacks file, test or a valid status`);
    }
  });
  return d as TestReportData;
}

export function summarize(results: TestResult[], durationMs: number): TestSummary {
  const count = (s: TestStatus) => results.filter((r) => r.status === s).length;
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    unsupported: count('unsupported'),
    skipped: count('skipped'),
    errors: count('error'),
    duration_ms: Math.round(durationMs),
  };
}

/** One report from several shard reports. The same test appearing twice is an error (overlapping shards). */
export function mergeReports(reports: TestReportData[]): TestReportData {
  const seen = new Set<string>();
  const all: TestResult[] = [];
  for (const report of reports) {
    for (const r of report.results) {
      const key = `${r.file}\u0000${r.test}`;
      if (seen.has(key)) throw new Error(`test '${r.test}' of ${r.file} appears in more than one report (overlapping shards?)`);
      seen.add(key);
      all.push(r);
    }
  }
  // Stable sort by file keeps each shard's within-file order.
  const results = all
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.file < b.r.file ? -1 : a.r.file > b.r.file ? 1 : a.i - b.i))
    .map((x) => x.r);
  const duration = Math.max(0, ...reports.map((r) => Number(r.summary?.duration_ms) || 0));
  const findings = new Map<string, Finding>();
  for (const f of reports.flatMap((r) => r.findings ?? [])) findings.set(`${f.file}:${f.line}:${f.column}:${f.rule}:${f.message}`, f);
  return findings.size ? { summary: summarize(results, duration), results, findings: [...findings.values()] } : { summary: summarize(results, duration), results };
}

/** Exit code for a test run: 1 when anything failed or errored, else 0. */
export function exitCodeFor(summary: TestSummary): number {
  return summary.failed > 0 || summary.errors > 0 ? 1 : 0;
}

/** Tests that passed in `baseline` and, in `current`, did not (a test missing from `current` is not counted: it was removed or deselected). */
export function regressions(baseline: TestReportData, current: TestReportData): TestResult[] {
  const passed = new Set(baseline.results.filter((r) => r.status === 'passed').map((r) => `${r.file}\u0000${r.test}`));
  return current.results.filter((r) => r.status !== 'passed' && passed.has(`${r.file}\u0000${r.test}`));
}
