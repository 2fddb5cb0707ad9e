import type { Report, TestResult } from '../../harness/report/types.js';

/** Hand-built reports that exercise every branch of the formats (statuses, odd characters, no line). */
export const VALIDATE_REPORT: Report = {
  command: 'validate',
  summary: { files: 3, errors: 2, warnings: 1 },
  findings: [
    {
      rule: 'risk-score-formula',
      severity: 'error',
      file: 'detections/endpoint/a b.yml',
      line: 44,
      column: 15,
      message: 'risk_score is 56, but round(60 × 90 / 100) = 54',
      detection_id: '6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11',
    },
    {
      rule: 'filter-macro-defined',
      severity: 'warning',
      file: 'detections/endpoint/a b.yml',
      line: 11,
      column: 9,
      message: 'filter macro `a_filter` is not defined, <tune> & "quote"',
    },
    {
      rule: 'yaml-syntax',
      severity: 'error',
      file: 'macros/broken.yml',
      line: 2,
      column: 3,
      message: 'malformed YAML: bad indentation\nof a mapping entry: 100%',
    },
  ],
};

const result = (over: Partial<TestResult>): TestResult => ({
  key: `${over.file ?? 'detections/endpoint/suspicious_winrs_remote_process.yml'}#0`,
  id: '6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11',
  name: 'Suspicious Winrs Remote Process',
  file: 'detections/endpoint/suspicious_winrs_remote_process.yml',
  test: 'True Positive Test',
  status: 'passed',
  rows: 3,
  reasons: [],
  timings: { fetch: 5, read: 20, search: 12.5 },
  datasets: [{ url: 'https://example.com/data/windows-sysmon.log' }],
  line: 11,
  detection_status: 'production',
  search: '| tstats count ...',
  ...over,
});

export const TEST_REPORT: Report = {
  command: 'test',
  summary: { total: 5, passed: 1, failed: 1, unsupported: 1, skipped: 1, errors: 1, duration_ms: 4200 },
  results: [
    result({}),
    result({
      id: 'b1',
      name: 'Other <Detection>',
      file: 'detections/endpoint/other.yml',
      status: 'failed',
      rows: 0,
      reasons: ['true positive test returned 0 rows'],
      explanation: 'where Processes.process_name=winrs.exe matched 0 of 120 events\nnearest: process_name=WinRS.EXE',
    }),
    result({
      id: 'c1',
      name: 'Third',
      file: 'detections/cloud/third.yml',
      status: 'error',
      rows: 0,
      reasons: ['dataset download failed: 404'],
      line: undefined,
    }),
    result({ id: 'd1', name: 'Fourth', file: 'detections/cloud/fourth.yml', status: 'unsupported', rows: 0, reasons: ['command `mstats` is not supported'] }),
    result({
      id: 'e1',
      name: 'Fifth',
      file: 'detections/cloud/fifth.yml',
      status: 'skipped',
      rows: 0,
      reasons: ['manual_test'],
      manual_test: 'needs a live Active Directory',
      detection_status: 'experimental',
    }),
  ],
};
