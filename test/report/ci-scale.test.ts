import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { destinationProblem, renderReport } from '../../harness/report/index.js';
import { renderGithubSummary, STEP_SUMMARY_MAX_BYTES } from '../../harness/report/github.js';
import { durationMs } from '../../harness/report/common.js';
import type { Report, TestResult } from '../../harness/report/types.js';
import { TEST_REPORT, VALIDATE_REPORT } from './sample.js';

/** Report behaviour that matters at ESCU scale (issue: CI at ESCU scale). */

const base = (TEST_REPORT as Extract<Report, { command: 'test' }>).results[0];
const result = (over: Partial<TestResult>): TestResult => ({ ...base, ...over });
const testReport = (results: TestResult[]): Report => ({
  command: 'test',
  summary: {
    total: results.length,
    passed: 0,
    failed: results.filter((r) => r.status === 'failed').length,
    unsupported: 0,
    skipped: 0,
    errors: results.filter((r) => r.status === 'error').length,
    duration_ms: 1000,
  },
  results,
});
/** A detection with two tests both named "True Positive Test", as five ESCU detections have. */
const twins = testReport([
  result({ key: 'detections/a.yml#0', file: 'detections/a.yml', status: 'failed', reasons: ['no rows'] }),
  result({ key: 'detections/a.yml#1', file: 'detections/a.yml', status: 'failed', reasons: ['no rows'] }),
]);

describe('test identity: two tests with one name', () => {
  it('SARIF gives them different partialFingerprints', () => {
    const sarif = JSON.parse(renderReport('sarif', twins)) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }> };
    const prints = sarif.runs[0].results.map((r) => r.partialFingerprints['splHarness/v1']);
    expect(prints).toHaveLength(2);
    expect(new Set(prints).size).toBe(2);
  });
  it('JUnit names them apart by their position in the tests list', () => {
    const names = [...renderReport('junit', twins).matchAll(/<testcase name="([^"]*)" classname="([^"]*)"/g)].map((m) => `${m[2]} / ${m[1]}`);
    expect(names).toEqual(['Suspicious Winrs Remote Process / True Positive Test (test 1)', 'Suspicious Winrs Remote Process / True Positive Test (test 2)']);
  });
});

describe('durations are counted once', () => {
  // The runner stores each stage and their sum as `total` (runner/run.ts settle).
  const timed = result({ timings: { compile: 100, fetch: 200, read: 300, search: 400, total: 1000 } });
  it('uses total, never the sum of all timings', () => {
    expect(durationMs(timed)).toBe(1000);
    expect(durationMs(result({ timings: { read: 20, search: 5 } }))).toBe(25);
  });
  it('in JUnit testcase times and summary.yml test durations', () => {
    const report = testReport([timed]);
    expect(renderReport('junit', report)).toMatch(/<testcase [^>]* time="1\.000"/);
    const doc = jsYaml.load(renderReport('summary-yml', report)) as { tested_detections: Array<{ tests: Array<{ duration: number }> }> };
    expect(doc.tested_detections[0].tests[0].duration).toBe(1);
  });
});

describe("summary.yml: contentctl's fields", () => {
  // contentctl: detection_abstract.get_summary (detection fields, aliases, tags.manual_test) and
  // DetectionTestingView.getSummaryObject (totals).
  it('each detection has name, type, production_status, status, source_category, data_source, search, file_path, manual_test, success, tests', () => {
    const report = testReport([
      result({
        key: 'detections/endpoint/a.yml#0',
        file: 'detections/endpoint/a.yml',
        detection_type: 'TTP',
        data_source: ['Sysmon EventID 1'],
        search: '| tstats count from datamodel=Endpoint.Processes',
      }),
    ]);
    const doc = jsYaml.load(renderReport('summary-yml', report)) as { tested_detections: Array<Record<string, unknown>> };
    const d = doc.tested_detections[0];
    expect(Object.keys(d)).toEqual([
      'name',
      'type',
      'production_status',
      'status',
      'source_category',
      'data_source',
      'search',
      'file_path',
      'manual_test',
      'success',
      'tests',
    ]);
    expect(d).toMatchObject({
      type: 'TTP',
      production_status: 'production',
      status: 'pass',
      source_category: 'endpoint',
      data_source: ['Sysmon EventID 1'],
      search: '| tstats count from datamodel=Endpoint.Processes',
      file_path: 'detections/endpoint/a.yml',
      manual_test: null,
      success: true,
    });
  });
  it('counts manual tests by the presence of tags.manual_test and keeps its text', () => {
    const doc = jsYaml.load(renderReport('summary-yml', TEST_REPORT)) as {
      summary: Record<string, unknown>;
      skipped_detections: Array<Record<string, unknown>>;
    };
    expect(doc.summary).toMatchObject({ total_production: 4, total_experimental: 1, total_deprecated: 0, total_manual: 1 });
    expect(doc.skipped_detections[0]).toMatchObject({
      name: 'Fifth',
      status: 'skip',
      production_status: 'experimental',
      manual_test: 'needs a live Active Directory',
    });
  });
});

describe('GitHub step summary', () => {
  const many = testReport(
    Array.from({ length: 3000 }, (_, i) =>
      result({ key: `d/${i}.yml#0`, file: `d/${i}.yml`, name: `Detection ${i}`, status: i % 3 ? 'error' : 'failed', reasons: ['x'.repeat(400)] }),
    ),
  );
  it('stays under its byte cap, failures before errors, saying how many rows were left out and where the report is', () => {
    const md = renderGithubSummary(many, { maxBytes: 100_000, artifactUrl: 'https://github.com/o/r/actions/runs/7#artifacts' });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(100_000);
    const rows = md.split('\n').filter((l) => /^\| (failed|error) \|/.test(l));
    expect(rows.length).toBeGreaterThan(10);
    const firstError = rows.findIndex((l) => l.startsWith('| error'));
    expect(rows.slice(0, firstError === -1 ? rows.length : firstError).every((l) => l.startsWith('| failed'))).toBe(true);
    expect(md).toMatch(new RegExp(`… ${3000 - rows.length} more rows not shown: .*\\(https://github\\.com/o/r/actions/runs/7#artifacts\\)`));
  });
  it('the default cap is under GitHub’s 1 MiB per step', () => {
    expect(STEP_SUMMARY_MAX_BYTES).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(renderGithubSummary(many))).toBeLessThanOrEqual(STEP_SUMMARY_MAX_BYTES);
  });
  it('lists validate errors before warnings', () => {
    const md = renderGithubSummary(VALIDATE_REPORT);
    const severities = md
      .split('\n')
      .filter((l) => /^\| `/.test(l))
      .map((l) => l.split('|')[3].trim());
    expect(severities).toEqual(['error', 'error', 'warning']);
  });
});

describe('where formats go', () => {
  it('refuses two formats on stdout, and two file formats in one --output', () => {
    expect(destinationProblem(['json', 'junit'], {})).toMatch(/json and junit would all be written to stdout.*--output-dir/);
    expect(destinationProblem(['pretty', 'github'], {})).toMatch(/stdout/);
    expect(destinationProblem(['json', 'sarif'], { output: 'x' })).toMatch(/--output takes one file format/);
  });
  it('accepts one format, one file format plus the console, or anything with --output-dir', () => {
    expect(destinationProblem(['json'], {})).toBeUndefined();
    expect(destinationProblem(['pretty', 'json'], { output: 'x.json' })).toBeUndefined();
    expect(destinationProblem(['pretty', 'github', 'json', 'junit'], { outputDir: 'd' })).toBeUndefined();
  });
});
