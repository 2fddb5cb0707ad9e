import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.js';
import { runChanges, testKeys } from '../../harness/report/changes.js';
import { byDataSource, byTactic, tacticsOf } from '../../harness/report/html-charts.js';
import { renderReport, writeReports } from '../../harness/report/index.js';
import type { Report, TestResult } from '../../harness/report/types.js';
import { tempDir } from '../support/tmp.js';
import { TEST_REPORT, VALIDATE_REPORT } from './sample.js';

const result = (over: Partial<TestResult>): TestResult => ({
  key: `${over.file ?? 'detections/endpoint/a.yml'}#${over.test ?? 'True Positive Test'}`,
  id: 'x',
  name: 'A Detection',
  file: 'detections/endpoint/a.yml',
  test: 'True Positive Test',
  status: 'passed',
  rows: 1,
  reasons: [],
  timings: { total: 10 },
  datasets: [],
  ...over,
});

/** Every `<script …>` opening tag of a page. */
const scriptTags = (html: string) => html.match(/<script\b/gi) ?? [];

/** [start, end) of `needle` in `text`, as a coverage leaf's `search_span`. */
const spanOf = (text: string, needle: string): [number, number] => [text.indexOf(needle), text.indexOf(needle) + needle.length];

describe('html report', () => {
  const HOSTILE = '<script>alert(1)</script>';
  const HOSTILE_SEARCH = 'index=x "</pre><script>alert(8)</script>" OR CommandLine="<img src=y onerror=alert(9)>"';
  const hostile: Report = {
    command: 'test',
    summary: { total: 2, passed: 0, failed: 2, unsupported: 0, skipped: 0, errors: 0, duration_ms: 5 },
    results: [
      result({
        name: `Evil ${HOSTILE} & "quotes"`,
        test: `t' onmouseover='alert(2)`,
        status: 'failed',
        rows: 0,
        reasons: ['<img src=x onerror=alert(3)>'],
        explanation: 'nearest: CommandLine = "</pre><script>alert(4)</script>"',
        data_source: ['"><svg onload=alert(5)>'],
        mitre_attack_id: ['T1059.001', '<b>'],
        search: HOSTILE_SEARCH,
        coverage: {
          exercised: [{ text: '<i>seen</i>', command: 1, line: 3, column: 9, search_span: spanOf(HOSTILE_SEARCH, 'index=x') }],
          unexercised: [
            {
              text: '</pre><script>alert(8)</script>',
              command: 1,
              line: 3,
              column: 17,
              search_span: spanOf(HOSTILE_SEARCH, '"</pre><script>alert(8)</script>"'),
            },
            // A span from a foreign report that does not fit the search is left out, not trusted.
            { text: 'x', command: 1, line: 3, column: 1, search_span: [5, 9999] },
          ],
        },
        mutation: {
          mutants: 2,
          killed: 1,
          invalid: 0,
          score: 0.5,
          survivors: [{ operator: 'drop-or-branch', change: '<u>dropped</u>', line: 3, column: 1, spl: '| search "<script>alert(10)</script>"' }],
        },
      }),
      result({ name: 'Second', file: 'detections/endpoint/<b>.yml', status: 'failed', rows: 0, reasons: ['x'] }),
    ],
    findings: [{ rule: 'r', severity: 'error', file: 'f.yml', line: 1, column: 1, message: '<iframe src="javascript:alert(6)">' }],
    baseline: { label: '</title><script>alert(7)</script>', results: [result({ name: HOSTILE, file: 'detections/endpoint/gone.yml' })] },
  };

  it('escapes every text from content and events: a detection named <script> stays text', () => {
    const html = renderReport('html', hostile);
    // The page's own script is the only one, and no injected tag or attribute survives.
    expect(scriptTags(html)).toHaveLength(1);
    for (const bad of ['<img', '<svg onload', '<iframe', '</pre><script', "onmouseover='", '<b>.yml', 'T1059.001, <b>', '<i>seen', '<u>dropped'])
      expect(html).not.toContain(bad);
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(3)&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(4)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(5)&gt;');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(7)&lt;/script&gt;');
    expect(html).toContain('detections/endpoint/&lt;b&gt;.yml');
    // The search, its leaves and the surviving mutant's SPL are text too.
    expect(html).toContain(
      '<mark class="leaf unexercised" title="not exercised: &lt;/pre&gt;&lt;script&gt;alert(8)&lt;/script&gt;">&quot;&lt;/pre&gt;&lt;script&gt;alert(8)&lt;/script&gt;&quot;</mark>',
    );
    expect(html).toContain('CommandLine=&quot;&lt;img src=y onerror=alert(9)&gt;&quot;');
    expect(html).toContain('| search &quot;&lt;script&gt;alert(10)&lt;/script&gt;&quot;');
  });

  it("shows a test's search with its unexercised leaves marked (test --coverage), and its surviving mutants (test --mutate)", () => {
    const search =
      '| tstats count from datamodel=Endpoint.Processes where Processes.process_name IN ("winrs.exe", "wsmprovhost.exe") OR `remote_flags` by Processes.dest';
    const report: Report = {
      command: 'test',
      summary: { total: 1, passed: 1, failed: 0, unsupported: 0, skipped: 0, errors: 0, duration_ms: 5 },
      results: [
        result({
          search,
          coverage: {
            exercised: [{ text: 'Processes.process_name IN (…"winrs.exe"…)', command: 1, line: 13, column: 90, search_span: spanOf(search, '"winrs.exe"') }],
            unexercised: [
              { text: 'Processes.process_name IN (…"wsmprovhost.exe"…)', command: 1, line: 13, column: 103, search_span: spanOf(search, '"wsmprovhost.exe"') },
              // Two leaves of one macro call share its span: one mark for both.
              { text: 'Processes.process="*-r:*"', command: 1, line: 13, column: 125, macro: 'remote_flags', search_span: spanOf(search, '`remote_flags`') },
              {
                text: 'Processes.process="*-remote:*"',
                command: 1,
                line: 13,
                column: 125,
                macro: 'remote_flags',
                search_span: spanOf(search, '`remote_flags`'),
              },
            ],
          },
          mutation: {
            mutants: 4,
            killed: 3,
            invalid: 0,
            score: 0.75,
            survivors: [
              {
                operator: 'drop-in-value',
                change: 'dropped wsmprovhost.exe',
                line: 13,
                column: 103,
                spl: '| tstats … where Processes.process_name IN ("winrs.exe") …',
              },
            ],
          },
        }),
      ],
    };
    const html = renderReport('html', report);
    expect(html).toContain('clause coverage: 1 of 4 leaves exercised');
    expect(html).toContain('<span class="leaf exercised" title="exercised: Processes.process_name IN (…&quot;winrs.exe&quot;…)">&quot;winrs.exe&quot;</span>');
    expect(html).toContain(
      '<mark class="leaf unexercised" title="not exercised: Processes.process_name IN (…&quot;wsmprovhost.exe&quot;…)">&quot;wsmprovhost.exe&quot;</mark>',
    );
    expect(html).toContain(
      '<mark class="leaf unexercised" title="not exercised: Processes.process=&quot;*-r:*&quot;\nnot exercised: Processes.process=&quot;*-remote:*&quot;">`remote_flags`</mark>',
    );
    expect(html.match(/<mark class="leaf unexercised"/g)).toHaveLength(2);
    // Every character of the search is there once, in order, whatever the marks.
    const pre = /<pre class="search">([\s\S]*?)<\/pre>/.exec(html)![1];
    expect(pre.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"')).toBe(search);
    expect(html).toContain(
      'not exercised: <code>Processes.process=&quot;*-remote:*&quot;</code> <span class="sub">detections/endpoint/a.yml:13:125 (in macro remote_flags)</span>',
    );
    expect(html).toContain('mutation score: 75 % (3 of 4 mutants killed)');
    expect(html).toContain('survived: drop-in-value: dropped wsmprovhost.exe');
  });

  it('is self-contained: no external resource, and a CSP that allows only its own style and script', () => {
    for (const report of [TEST_REPORT, VALIDATE_REPORT, hostile]) {
      const html = renderReport('html', report);
      // Every src/href is an in-page anchor or a data: URL.
      for (const [, url] of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) expect(url).toMatch(/^(#|data:)/);
      expect(html).not.toMatch(/<link\b(?![^>]*rel="icon")/);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1].replace(/&apos;/g, "'");
      expect(csp).toContain("default-src 'none'");
      const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
      const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
      expect(csp).toContain(`script-src ${hash(script)}`);
      expect(csp).toContain(`style-src ${hash(style)}`);
    }
  });

  it('has the summary, one table row per test, and each failure with its explanation', () => {
    const html = renderReport('html', TEST_REPORT);
    expect(html).toContain('<title>spl-harness test: 1/5 passed, 1 failure, 1 error</title>');
    expect(html.match(/<tr data-status=/g)).toHaveLength(TEST_REPORT.command === 'test' ? TEST_REPORT.results.length : 0);
    expect(html).toContain('<section id="failures"><h2>Failures (1)</h2>');
    expect(html).toContain('where Processes.process_name=winrs.exe matched 0 of 120 events\nnearest: process_name=WinRS.EXE');
    expect(html).toContain('<a href="#failure-1">explanation</a>');
    expect(html).not.toContain('id="changes"');
  });

  it('renders a validate report as a filterable table of findings', () => {
    const html = renderReport('html', VALIDATE_REPORT);
    expect(html).toContain('<title>spl-harness validate: 2 errors, 1 warning in 3 files</title>');
    expect(html.match(/<tr data-status="(error|warning)"/g)).toHaveLength(3);
    expect(html).toContain('filter macro `a_filter` is not defined, &lt;tune&gt; &amp; &quot;quote&quot;');
  });

  it('writes report.html into --output-dir', async () => {
    const dir = tempDir('spl-harness-html-unit-');
    const written = await writeReports(['html'], TEST_REPORT, { outputDir: dir, stdout: { write: () => true } });
    expect(written).toEqual([join(dir, 'report.html')]);
    expect(readFileSync(written[0], 'utf8')).toMatch(/^<!doctype html>/);
  });
});

describe('changes since a baseline', () => {
  it('sorts each test into new failures, fixes, other changes, vanished and added', () => {
    const before = [
      result({ file: 'a.yml', status: 'passed' }),
      result({ file: 'b.yml', status: 'failed' }),
      result({ file: 'c.yml', status: 'passed' }),
      result({ file: 'd.yml', status: 'passed' }),
      result({ file: 'e.yml', status: 'error' }),
    ];
    const now = [
      result({ file: 'a.yml', status: 'failed' }),
      result({ file: 'b.yml', status: 'passed' }),
      result({ file: 'c.yml', status: 'unsupported' }),
      result({ file: 'e.yml', status: 'error' }),
      result({ file: 'f.yml', status: 'passed' }),
    ];
    const c = runChanges(before, now);
    expect(c.newProblems.map((x) => [x.result.file, x.before])).toEqual([['a.yml', 'passed']]);
    expect(c.fixed.map((x) => [x.result.file, x.before])).toEqual([['b.yml', 'failed']]);
    expect(c.otherChanges.map((x) => [x.result.file, x.before, x.result.status])).toEqual([['c.yml', 'passed', 'unsupported']]);
    expect(c.vanished.map((r) => r.file)).toEqual(['d.yml']);
    expect(c.added.map((r) => r.file)).toEqual(['f.yml']);
  });

  it('pairs two same-named tests of one file in order (ESCU has detections with two "True Positive Test")', () => {
    // Keys as the runner writes them: the file and the test's position in its `tests` list.
    const twins = (first: TestResult['status'], second: TestResult['status']) => [
      result({ status: first, key: 'detections/endpoint/a.yml#0' }),
      result({ status: second, key: 'detections/endpoint/a.yml#1' }),
    ];
    expect(testKeys(twins('passed', 'passed'))).toHaveLength(2);
    expect(new Set(testKeys(twins('passed', 'passed'))).size).toBe(2);
    const now = twins('passed', 'failed');
    const c = runChanges(twins('passed', 'passed'), now);
    expect(c.newProblems.map((x) => x.result)).toEqual([now[1]]);
    expect(c.newProblems[0].result).toBe(now[1]);
    expect(runChanges(twins('passed', 'passed'), twins('passed', 'passed')).newProblems).toEqual([]);
    expect(runChanges(twins('passed', 'passed'), [result({ key: 'detections/endpoint/a.yml#0' })]).vanished).toHaveLength(1);
    // Reports from before result keys pair same-named tests by their order.
    const legacy = (r: TestResult[]) => r.map((x) => ({ ...x, key: undefined as unknown as string }));
    expect(runChanges(legacy(twins('passed', 'passed')), legacy(now)).newProblems.map((x) => x.result)).toEqual([legacy(now)[1]]);
  });

  it('shows the changes on the page, named by the baseline given', () => {
    const report: Report = {
      command: 'test',
      summary: { total: 1, passed: 0, failed: 1, unsupported: 0, skipped: 0, errors: 0, duration_ms: 1 },
      results: [result({ status: 'failed', reasons: ['0 rows'] })],
      baseline: { label: 'nightly/report.json', results: [result({}), result({ file: 'detections/endpoint/gone.yml', name: 'Gone' })] },
    };
    const html = renderReport('html', report);
    expect(html).toContain('<h2>Since the baseline (nightly/report.json)</h2>');
    expect(html).toContain('1 new failure · 0 fixed · 1 vanished · 0 new tests · 0 other changes');
    expect(html).toContain('new failure (was passed)');
    expect(html).toMatch(/Vanished \(in the baseline, not in this run\) \(1\)[\s\S]*Gone/);
  });
});

describe('verdicts by data source and ATT&CK tactic', () => {
  // Tactics per technique follow MITRE ATT&CK Enterprise (https://attack.mitre.org/techniques/T1059/001/:
  // Execution; https://attack.mitre.org/techniques/T1078/: Defense Evasion, Persistence, Privilege
  // Escalation, Initial Access), as encoded in harness/lint/data/mitre-techniques.ts.
  it('derives tactics from technique ids, a sub-technique unknown to the table taking its parent technique', () => {
    expect(tacticsOf(result({ mitre_attack_id: ['T1059.001'] }))).toEqual(['Execution']);
    expect(tacticsOf(result({ mitre_attack_id: ['T1078'] }))).toEqual(['Initial Access', 'Persistence', 'Privilege Escalation', 'Defense Evasion']);
    expect(tacticsOf(result({ mitre_attack_id: ['T1059.999'] }))).toEqual(['Execution']);
    expect(tacticsOf(result({ mitre_attack_id: ['T9999', 'nonsense'] }))).toEqual([]);
    expect(tacticsOf(result({ mitre_attack_id: 'T1059' as unknown as string[] }))).toEqual([]);
  });

  it('counts a test once under each of its categories, in kill-chain order, and folds the tail of many data sources', () => {
    const results = [
      result({ status: 'passed', mitre_attack_id: ['T1059.001', 'T1059.003'], data_source: ['Sysmon EventID 1', 'Sysmon EventID 1'] }),
      result({ status: 'failed', mitre_attack_id: ['T1566'], data_source: ['Sysmon EventID 1', 'Windows Event Log Security 4688'] }),
      result({ status: 'skipped' }),
    ];
    expect(byTactic(results).map((c) => [c.label, c.total, c.counts.passed, c.counts.failed])).toEqual([
      ['Initial Access', 1, 0, 1],
      ['Execution', 1, 1, 0],
      ['(none)', 1, 0, 0],
    ]);
    expect(byDataSource(results).map((c) => [c.label, c.total])).toEqual([
      ['Sysmon EventID 1', 2],
      ['(none)', 1],
      ['Windows Event Log Security 4688', 1],
    ]);
    const many = Array.from({ length: 30 }, (_, i) => result({ data_source: [`source ${String(i).padStart(2, '0')}`] }));
    const folded = byDataSource(many, 25);
    expect(folded).toHaveLength(25);
    expect(folded[24]).toMatchObject({ label: '6 other data sources', total: 6, folded: true });
  });
});

describe('cli --baseline', () => {
  it('refuses an unreadable baseline before running', async () => {
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => (errors.push(String(s)), true)) as typeof process.stderr.write;
    try {
      expect(await main(['test', '--baseline', '/nonexistent/baseline.json', '--format', 'html'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toContain('--baseline: /nonexistent/baseline.json: not a readable JSON report');
  });
});
