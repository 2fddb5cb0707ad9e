import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, renderReport, writeReports } from '../../harness/report/index.js';
import type { Report } from '../../harness/report/types.js';
import { TEST_REPORT, VALIDATE_REPORT } from './sample.js';

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

describe('sarif', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'sarif-2.1.0-subset.schema.json'), 'utf8')));

  for (const [name, report] of [
    ['validate', VALIDATE_REPORT],
    ['test', TEST_REPORT],
  ] as const) {
    it(`validates against the SARIF 2.1.0 schema (${name} report)`, () => {
      const sarif = JSON.parse(renderReport('sarif', report));
      expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    });
  }

  it('has one result per finding and per failed or errored test, each pointing at its rule', () => {
    const sarif = JSON.parse(renderReport('sarif', TEST_REPORT));
    const run = sarif.runs[0];
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['detection-test-failed', 'detection-test-error']);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'detections/endpoint/other.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 11 },
    });
    expect(run.results[0].message.text).toContain('nearest: process_name=WinRS.EXE');
  });

  it('maps severities to SARIF levels and describes lint rules', () => {
    const run = JSON.parse(renderReport('sarif', VALIDATE_REPORT)).runs[0];
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'error']);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('detections/endpoint/a%20b.yml');
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'risk-score-formula');
    expect(rule.shortDescription.text).toMatch(/confidence × impact/);
  });
});

describe('junit', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
  const suitesOf = (xml: string) => parser.parse(xml).testsuites;

  it('is well-formed XML with the JUnit structure CI reporters read', () => {
    for (const report of [VALIDATE_REPORT, TEST_REPORT]) {
      const xml = renderReport('junit', report);
      expect(XMLValidator.validate(xml)).toBe(true);
      const root = suitesOf(xml);
      for (const suite of root.testsuite) {
        for (const attr of ['name', 'tests', 'failures', 'errors', 'skipped', 'time']) expect(suite[attr], attr).toBeDefined();
        const cases = suite.testcase;
        expect(Number(suite.tests)).toBe(cases.length);
        expect(Number(suite.failures)).toBe(cases.filter((c: Record<string, unknown>) => c.failure).length);
        expect(Number(suite.errors)).toBe(cases.filter((c: Record<string, unknown>) => c.error).length);
        expect(Number(suite.skipped)).toBe(cases.filter((c: Record<string, unknown>) => c.skipped !== undefined).length);
        for (const c of cases) {
          expect(c.name).toBeTypeOf('string');
          expect(c.classname).toBeTypeOf('string');
          expect(Number.isFinite(Number(c.time))).toBe(true);
        }
      }
    }
  });

  it('has one testcase per detection test, failures with reasons and explanation', () => {
    const suite = suitesOf(renderReport('junit', TEST_REPORT)).testsuite[0];
    expect(suite.testcase).toHaveLength(5);
    const failed = suite.testcase[1];
    expect(failed.classname).toBe('Other <Detection>');
    expect(failed.file).toBe('detections/endpoint/other.yml');
    expect(failed.failure.message).toBe('true positive test returned 0 rows');
    expect(failed.failure['#text']).toContain('matched 0 of 120 events');
    expect(suite.testcase[2].error.message).toContain('404');
    expect(suite.testcase[3].skipped.message).toContain('unsupported');
  });

  it('has one testcase per file with findings for validate', () => {
    const suite = suitesOf(renderReport('junit', VALIDATE_REPORT)).testsuite[0];
    expect(suite.testcase.map((c: { name: string }) => c.name)).toEqual(['detections/endpoint/a b.yml', 'macros/broken.yml']);
    expect(suite.testcase[0].failure.type).toBe('risk-score-formula');
    expect(suite.testcase[0]['system-out']).toContain('filter-macro-defined');
  });
});

describe('github', () => {
  it('prints one annotation per finding and failed test, escaped as workflow commands expect', () => {
    const lines = renderReport('github', { ...TEST_REPORT, findings: VALIDATE_REPORT.findings } as Report)
      .trim()
      .split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('::error file=detections/endpoint/a b.yml,line=44,col=15,title=risk-score-formula::risk_score is 56, but round(60 × 90 / 100) = 54');
    expect(lines[1].startsWith('::warning ')).toBe(true);
    expect(lines[2]).toBe('::error file=macros/broken.yml,line=2,col=3,title=yaml-syntax::malformed YAML: bad indentation%0Aof a mapping entry: 100%25');
    expect(lines[3]).toMatch(/^::error file=detections\/endpoint\/other.yml,line=11,title=test failed%3A True Positive Test::Other <Detection>: true positive/);
    expect(lines[4]).toMatch(/^::error file=detections\/cloud\/third.yml,title=test error/);
  });

  it('appends a markdown summary to $GITHUB_STEP_SUMMARY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spl-gh-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    let printed = '';
    await writeReports(['github'], TEST_REPORT, { stdout: { write: (s: string) => (printed += s) }, env: { GITHUB_STEP_SUMMARY: summary } });
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n')).toBe(true);
    expect(md).toContain('| 1 | 1 | 1 | 1 | 1 | 4.2 s |');
    expect(md).toMatch(/\| failed \| Other <Detection> \(`detections\/endpoint\/other.yml`\) \| True Positive Test \|/);
    expect(printed).toContain('::error');
  });
});

describe('summary-yml', () => {
  it("has contentctl's test_results/summary.yml shape", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML document walked by key
    const doc = jsYaml.load(renderReport('summary-yml', TEST_REPORT)) as Record<string, any>;
    expect(Object.keys(doc)).toEqual(['summary', 'tested_detections', 'skipped_detections', 'untested_detections', 'percent_complete']);
    expect(doc.summary).toMatchObject({
      success: false,
      total_detections: 5,
      total_tested_detections: 3,
      total_pass: 1,
      total_fail: 2,
      total_skipped: 2,
      total_untested: 0,
      total_production: 4,
      total_experimental: 1,
      total_manual: 1,
      success_rate: '33.3%',
    });
    // Failures first, then by name.
    expect(doc.tested_detections.map((d: { name: string; success: boolean }) => [d.name, d.success])).toEqual([
      ['Other <Detection>', false],
      ['Third', false],
      ['Suspicious Winrs Remote Process', true],
    ]);
    const test = doc.tested_detections[0].tests[0];
    expect(Object.keys(test)).toEqual([
      'name',
      'test_type',
      'success',
      'message',
      'exception',
      'status',
      'duration',
      'wait_duration',
      'resultCount',
      'runDuration',
    ]);
    expect(test).toMatchObject({ name: 'True Positive Test', status: 'fail', success: false, resultCount: '0' });
    expect(doc.tested_detections[1].tests[0]).toMatchObject({ status: 'error', exception: 'dataset download failed: 404' });
    expect(doc.skipped_detections.map((d: { name: string }) => d.name)).toEqual(['Fifth', 'Fourth']);
  });
});

describe('json', () => {
  it('round-trips a test report as merge-reports reads it', () => {
    const doc = JSON.parse(renderReport('json', TEST_REPORT));
    expect(doc).toEqual({ summary: TEST_REPORT.summary, results: (TEST_REPORT as Extract<Report, { command: 'test' }>).results });
  });
  it('gives every validate finding a detection_id key (null when not about one detection)', () => {
    const doc = JSON.parse(renderReport('json', VALIDATE_REPORT));
    expect(doc.findings.map((f: { detection_id: string | null }) => f.detection_id)).toEqual(['6f1c2a57-8f0e-4c1e-9b43-2d5a7e0c9a11', null, null]);
  });
});

describe('pretty', () => {
  it('groups findings by file without colours unless asked', () => {
    const text = renderReport('pretty', VALIDATE_REPORT);
    expect(text).not.toContain('\u001b[');
    expect(text).toContain('detections/endpoint/a b.yml\n  44:15  error    risk_score is 56');
    expect(text).toMatch(/✖ 3 problems \(2 errors, 1 warning\) in 3 files checked/);
    expect(renderReport('pretty', VALIDATE_REPORT, { color: true })).toContain('\u001b[31m');
  });
  it('lists test outcomes with reasons and the explanation of a failure', () => {
    const text = renderReport('pretty', TEST_REPORT);
    expect(text).toContain('FAIL   Other <Detection> — True Positive Test (0 rows)');
    expect(text).toContain('matched 0 of 120 events');
    expect(text).toMatch(/5 tests: 1 passed, 1 failed, 1 error, 1 unsupported, 1 skipped in 4.2 s/);
  });
});

describe('writeReports', () => {
  it('writes file formats into --output-dir and prints console formats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spl-out-'));
    let printed = '';
    const written = await writeReports(['pretty', 'junit', 'json', 'summary-yml'], VALIDATE_REPORT, {
      outputDir: dir,
      stdout: { write: (s: string) => (printed += s), isTTY: true },
      env: {},
    });
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.json', 'summary.yml']);
    expect(written).toHaveLength(3);
    expect(printed).toContain('\u001b['); // a terminal gets colours
  });
  it('respects NO_COLOR and refuses two file formats into one --output', async () => {
    let printed = '';
    await writeReports(['pretty'], VALIDATE_REPORT, { stdout: { write: (s: string) => (printed += s), isTTY: true }, env: { NO_COLOR: '1' } });
    expect(printed).not.toContain('\u001b[');
    await expect(writeReports(['json', 'junit'], VALIDATE_REPORT, { output: join(tmpdir(), 'x.json'), env: {} })).rejects.toThrow(/--output-dir/);
  });
  it('renders every format for both report kinds', () => {
    for (const f of REPORT_FORMATS) for (const r of [VALIDATE_REPORT, TEST_REPORT]) expect(typeof renderReport(f, r)).toBe('string');
  });
});
