import { readFileSync } from 'node:fs';
import type { Finding } from '../content/types.js';
import type { ShardInfo, TestResult, TestStatus, TestSummary } from '../report/types.js';
import { legacyKeys } from '../report/keys.js';

/**
 * Joining shard reports. Each shard of a `--shard i/n` run writes a JSON report
 * (`{summary, results, shard}`); merging concatenates the results in content order (file, then the
 * order within each shard, which keeps a detection's tests in plan order because a detection
 * never spans shards) and recomputes the summary. The merged duration is the longest shard's:
 * shards run side by side.
 *
 * A test is known by its `key` (file and position in its `tests` list), never by its name: names
 * repeat within a detection. Shard reports say which shard of how many they are and what they
 * planned, so that a merge with a shard missing, given twice, cut short or from another plan
 * fails instead of passing with fewer tests.
 */

export interface TestReportData {
  summary: TestSummary;
  results: TestResult[];
  /** Content findings the run reported (e.g. sidecar schema problems); every shard reports them alike. */
  findings?: Finding[];
  /** Set by `test --shard i/n`. */
  shard?: ShardInfo;
  /** Where the report was read from, for messages. */
  source?: string;
  /** The report predates result keys: its keys were made by `legacyKey`. */
  legacy?: boolean;
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
  if (d.shard !== undefined) {
    const s = d.shard as Partial<ShardInfo>;
    if (!Number.isInteger(s.index) || !Number.isInteger(s.count) || !Array.isArray(s.planned) || typeof s.plan_digest !== 'string') {
      throw new Error(`${path}: "shard" needs index, count, planned and plan_digest`);
    }
  }
  const legacy = d.results.some((r) => typeof r.key !== 'string' || !r.key);
  if (legacy) {
    const keys = legacyKeys(d.results);
    d.results.forEach((r, i) => (r.key = keys[i]));
  }
  return { ...(d as TestReportData), source: path, ...(legacy ? { legacy } : {}) };
}

/** FNV-1a over the plan's keys: a short stable digest that differs between plans (not for security). */
export function planDigest(keys: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of keys.join('\n')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${keys.length}-${h.toString(16).padStart(8, '0')}`;
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

/** Why a set of reports cannot be merged: a shard missing, twice, cut short, or from another plan. */
export class MergeError extends Error {}

const nameOf = (r: TestReportData, i: number) => r.source ?? `report ${i + 1}`;

/** Throws a MergeError unless the reports are every shard of one plan exactly once, each complete. */
export function checkShards(reports: TestReportData[]): void {
  const sharded = reports.filter((r) => r.shard);
  if (sharded.length === 0) return;
  if (sharded.length !== reports.length) {
    const plain = reports.map(nameOf).filter((_, i) => !reports[i].shard);
    throw new MergeError(`cannot mix shard reports with unsharded ones (${plain.join(', ')} not written with --shard)`);
  }
  const first = sharded[0].shard!;
  for (const [i, r] of reports.entries()) {
    const s = r.shard!;
    if (s.count !== first.count)
      throw new MergeError(
        `${nameOf(r, i)} is shard ${s.index}/${s.count}, ${nameOf(reports[0], 0)} is ${first.index}/${first.count}: shards of different splits`,
      );
    if (s.plan_digest !== first.plan_digest)
      throw new MergeError(
        `${nameOf(r, i)} (shard ${s.index}/${s.count}) comes from another plan than ${nameOf(reports[0], 0)} (different commit, selection or options)`,
      );
  }
  const byIndex = new Map<number, string[]>();
  for (const [i, r] of reports.entries()) byIndex.set(r.shard!.index, [...(byIndex.get(r.shard!.index) ?? []), nameOf(r, i)]);
  const twice = [...byIndex.entries()].filter(([, files]) => files.length > 1);
  if (twice.length) throw new MergeError(twice.map(([i, files]) => `shard ${i}/${first.count} given ${files.length} times (${files.join(', ')})`).join('; '));
  const missing: number[] = [];
  for (let i = 1; i <= first.count; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length)
    throw new MergeError(
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${first.count}`).join(', ')}: a merge needs all ${first.count} shards`,
    );
  for (const [i, r] of reports.entries()) {
    const got = new Set(r.results.map((x) => x.key));
    const lost = r.shard!.planned.filter((k) => !got.has(k));
    if (lost.length)
      throw new MergeError(
        `${nameOf(r, i)} (shard ${r.shard!.index}/${r.shard!.count}) planned ${r.shard!.planned.length} tests but has no result for ${lost.length}: ${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ', …' : ''}`,
      );
  }
  const planned = reports.reduce((n, r) => n + r.shard!.planned.length, 0);
  if (planned !== first.plan_total) throw new MergeError(`the shards planned ${planned} tests together, but the plan has ${first.plan_total}`);
}

/** One report from several shard reports. The same test appearing twice, or a shard missing, is a MergeError. */
export function mergeReports(reports: TestReportData[]): TestReportData {
  checkShards(reports);
  const seen = new Map<string, string>();
  const all: TestResult[] = [];
  for (const [i, report] of reports.entries()) {
    for (const r of report.results) {
      const where = seen.get(r.key);
      if (where !== undefined) throw new MergeError(`test '${r.test}' (${r.key}) appears in ${where} and ${nameOf(report, i)} (overlapping shards?)`);
      seen.set(r.key, nameOf(report, i));
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
  return findings.size
    ? { summary: summarize(results, duration), results, findings: [...findings.values()] }
    : { summary: summarize(results, duration), results };
}

/** Exit code for a test run: 1 when anything failed or errored, else 0. */
export function exitCodeFor(summary: TestSummary): number {
  return summary.failed > 0 || summary.errors > 0 ? 1 : 0;
}

export interface Regression {
  key: string;
  file: string;
  test: string;
  /** The baseline's status. */
  was: TestStatus;
  /** Now: a status, or `missing` when the test is no longer in the report at all. */
  now: TestStatus | 'missing';
  reason?: string;
}

/**
 * What got worse since `baseline`: a test that passed there and did not now, and any test of the
 * baseline that vanished (a lost shard or a test dropped from the plan must not pass silently).
 */
export function regressions(baseline: TestReportData, current: TestReportData): Regression[] {
  // A baseline from before result keys is compared by the old identity on both sides.
  const currentKeys = baseline.legacy ? legacyKeys(current.results) : current.results.map((r) => r.key);
  const now = new Map(current.results.map((r, i) => [currentKeys[i], r]));
  const out: Regression[] = [];
  for (const b of baseline.results) {
    const c = now.get(b.key);
    if (!c) out.push({ key: b.key, file: b.file, test: b.test, was: b.status, now: 'missing' });
    else if (b.status === 'passed' && c.status !== 'passed')
      out.push({ key: b.key, file: b.file, test: b.test, was: b.status, now: c.status, reason: c.reasons[0] });
  }
  return out;
}
