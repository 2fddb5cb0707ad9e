import jsYaml from 'js-yaml';
import { durationMs, plainFinding, plural } from './common.js';
import type { Report, TestResult, TestStatus } from './types.js';

/**
 * `summary.yml` in the shape splunk/contentctl writes to `test_results/summary.yml`, so scripts
 * written against contentctl's output keep working:
 *
 *   summary: {mode, enable_integration_testing, success, total_detections, total_tested_detections,
 *             total_pass, total_fail, total_skipped, total_untested, total_production,
 *             total_experimental, total_deprecated, total_manual, success_rate}
 *   tested_detections: [{name, type, production_status, status, source_category, data_source,
 *                        search, file_path, manual_test, success,
 *                        tests: [{name, test_type, success, message, exception, status,
 *                                 duration, wait_duration, resultCount, runDuration}]}]
 *   skipped_detections: [...same shape...]
 *   untested_detections: []
 *   percent_complete: "100.0%"
 *
 * The fields and their order are contentctl's (DetectionTestingView.getSummaryObject and
 * detection_abstract.get_summary in splunk/contentctl): `production_status` is the detection's
 * `status`, `status` its test status (pass / fail / skip), `source_category` the folder it lives
 * in, `file_path` its path (relative to the content root here, where contentctl writes its own
 * checkout's path), `manual_test` the `tags.manual_test` text or null.
 *
 * contentctl counts per detection: a detection passes when it has tests and none failed or
 * errored; it is skipped when every test was skipped. Test statuses map to its pass / fail /
 * skip / error (an `unsupported` test, which the engine cannot run, is a skip with its reason).
 */
export function renderSummaryYml(report: Report): string {
  if (report.command === 'validate') {
    const { files, errors, warnings } = report.summary;
    const doc = {
      summary: { mode: 'validate', success: errors === 0, total_files: files, total_errors: errors, total_warnings: warnings },
      findings: report.findings.map(plainFinding),
    };
    return jsYaml.dump(doc, { lineWidth: -1, noRefs: true });
  }

  // Group tests by detection, in report order.
  const detections = new Map<string, TestResult[]>();
  for (const r of report.results) {
    const key = r.id || r.file;
    const list = detections.get(key);
    if (list) list.push(r);
    else detections.set(key, [r]);
  }
  const tested: DetectionSummary[] = [];
  const skipped: DetectionSummary[] = [];
  let pass = 0;
  let fail = 0;
  const byStatus = { production: 0, experimental: 0, deprecated: 0 };
  let manual = 0;
  for (const results of detections.values()) {
    const first = results[0];
    const allSkipped = results.every((r) => contentctlStatus(r.status) === 'skip');
    const success = results.every((r) => r.status === 'passed' || contentctlStatus(r.status) === 'skip');
    const summary: DetectionSummary = {
      name: first.name,
      type: first.detection_type ?? null,
      production_status: first.detection_status ?? null,
      status: allSkipped ? 'skip' : success ? 'pass' : 'fail',
      source_category: sourceCategory(first.file),
      data_source: first.data_source ?? [],
      search: first.search ?? '',
      file_path: first.file,
      manual_test: first.manual_test ?? null,
      success,
      tests: results.map(testSummary),
    };
    if (allSkipped) skipped.push(summary);
    else {
      tested.push(summary);
      if (success) pass++;
      else fail++;
    }
    const status = first.detection_status as keyof typeof byStatus | undefined;
    if (status && status in byStatus) byStatus[status]++;
    if (first.manual_test !== undefined) manual++;
  }
  // contentctl's order: failures first, then by name; skipped ones with tests first, then by name.
  tested.sort((a, b) => Number(a.success) - Number(b.success) || compare(a.name, b.name));
  skipped.sort((a, b) => Number(b.tests.length > 0) - Number(a.tests.length > 0) || compare(a.name, b.name));
  const doc = {
    summary: {
      mode: 'spl-harness',
      enable_integration_testing: false,
      success: fail === 0,
      total_detections: detections.size,
      total_tested_detections: pass + fail,
      total_pass: pass,
      total_fail: fail,
      total_skipped: skipped.length,
      total_untested: 0,
      total_production: byStatus.production,
      total_experimental: byStatus.experimental,
      total_deprecated: byStatus.deprecated,
      total_manual: manual,
      success_rate: percent(pass, pass + fail),
    },
    tested_detections: tested,
    skipped_detections: skipped,
    untested_detections: [],
    percent_complete: percent(tested.length, tested.length),
  };
  return jsYaml.dump(doc, { lineWidth: -1, noRefs: true });
}

interface DetectionSummary {
  name: string;
  type: string | null;
  production_status: string | null;
  status: 'pass' | 'fail' | 'skip';
  source_category: string;
  data_source: string[];
  search: string;
  file_path: string;
  manual_test: string | null;
  success: boolean;
  tests: Array<Record<string, unknown>>;
}

type ContentctlStatus = 'pass' | 'fail' | 'skip' | 'error';

function contentctlStatus(status: TestStatus): ContentctlStatus {
  return status === 'passed' ? 'pass' : status === 'failed' ? 'fail' : status === 'error' ? 'error' : 'skip';
}

function testSummary(r: TestResult): Record<string, unknown> {
  const status = contentctlStatus(r.status);
  const seconds = (ms: number) => Math.round(ms) / 1000;
  const total = durationMs(r);
  const message =
    status === 'pass'
      ? `TEST PASSED: ${plural(r.rows, 'result')}`
      : status === 'skip'
        ? `TEST SKIPPED (${r.status}): ${r.reasons.join('; ')}`
        : `TEST ${status === 'fail' ? 'FAILED' : 'ERROR'}: ${r.reasons.join('; ')}`;
  return {
    name: r.test,
    test_type: 'unit',
    success: status === 'pass' || status === 'skip',
    message,
    exception: status === 'error' ? r.reasons.join('; ') || null : null,
    status,
    duration: seconds(total),
    wait_duration: 0,
    resultCount: String(r.rows),
    runDuration: String(seconds(r.timings?.search ?? total)),
  };
}

/** contentctl's `source`: the name of the folder holding the detection file (e.g. endpoint). */
function sourceCategory(file: string): string {
  const parts = file.split('/');
  return parts.length > 1 ? parts[parts.length - 2] : '';
}

/** contentctl's percentage text: one decimal and a percent sign; 0 of 0 is 100 %. */
function percent(part: number, whole: number): string {
  return `${(whole === 0 ? 100 : (100 * part) / whole).toFixed(1)}%`;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
