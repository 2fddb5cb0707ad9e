import type { Finding } from '../content/types.js';
import { durationMs as testDuration, findingsByFile, plural, problemText } from './common.js';
import type { Report, TestResult } from './types.js';
import { xmlEscape as x } from './xml.js';

/**
 * JUnit XML as CI test reporters read it (the Ant/Jenkins JUnit schema: <testsuites> of
 * <testsuite name tests failures errors skipped time> of <testcase name classname time>, each
 * with at most one <failure message type>, <error message type> or <skipped message>; GitHub
 * reporters also read the `file` and `line` attributes of a testcase).
 *
 * A test report has one testcase per detection test; a validate report one testcase per file
 * with findings (failing when it has errors; warnings are listed in <system-out>).
 */
export function renderJunit(report: Report): string {
  const suites =
    report.command === 'validate' ? [validateSuite(report.findings, report.summary.files)] : [testSuite(report.results, report.summary.duration_ms)];
  if (report.command === 'test' && report.findings?.length) suites.push(validateSuite(report.findings, 0));
  const totals = suites.reduce(
    (t, s) => ({
      tests: t.tests + s.tests,
      failures: t.failures + s.failures,
      errors: t.errors + s.errors,
      skipped: t.skipped + s.skipped,
      time: t.time + s.time,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0, time: 0 },
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="spl-harness" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds(totals.time)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Suite {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

function testSuite(results: TestResult[], durationMs: number): Suite {
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const names = uniqueNames(results);
  const cases = results.map((r, i) => {
    const attrs = `name="${x(names[i])}" classname="${x(r.name || r.file)}" file="${x(r.file)}"${r.line ? ` line="${r.line}"` : ''} time="${seconds(testDuration(r))}"`;
    const message = x(r.reasons[0] ?? r.status);
    switch (r.status) {
      case 'passed':
        return `    <testcase ${attrs}/>`;
      case 'failed':
        failures++;
        return `    <testcase ${attrs}>\n      <failure message="${message}" type="failed">${x(problemText(r))}</failure>\n    </testcase>`;
      case 'error':
        errors++;
        return `    <testcase ${attrs}>\n      <error message="${message}" type="error">${x(problemText(r))}</error>\n    </testcase>`;
      default:
        skipped++;
        return `    <testcase ${attrs}>\n      <skipped message="${x(`${r.status}: ${r.reasons.join('; ')}`)}"/>\n    </testcase>`;
    }
  });
  const head = `  <testsuite name="spl-harness test" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(durationMs)}">`;
  return { xml: [head, ...cases, '  </testsuite>'].join('\n'), tests: results.length, failures, errors, skipped, time: durationMs };
}

/**
 * Testcase names unique within their classname: readers key testcases by (classname, name) and
 * drop or merge repeats, and ESCU detections hold two tests both named "True Positive Test".
 * A repeated name gets the test's position in the detection's `tests` list (from its key).
 */
export function uniqueNames(results: readonly TestResult[]): string[] {
  const pair = (r: TestResult, name: string) => `${r.name || r.file}\u0000${name}`;
  const count = new Map<string, number>();
  for (const r of results) count.set(pair(r, r.test), (count.get(pair(r, r.test)) ?? 0) + 1);
  const taken = new Set<string>();
  return results.map((r) => {
    let name = r.test;
    if ((count.get(pair(r, r.test)) ?? 0) > 1) {
      const position = /#(\d+)$/.exec(r.key ?? '');
      name = position ? `${r.test} (test ${Number(position[1]) + 1})` : `${r.test} (${r.key})`;
    }
    for (let n = 2; taken.has(pair(r, name)); n++) name = `${r.test} (${n})`;
    taken.add(pair(r, name));
    return name;
  });
}

function validateSuite(findings: Finding[], filesChecked: number): Suite {
  let failures = 0;
  const cases: string[] = [];
  for (const [file, list] of findingsByFile(findings)) {
    const errors = list.filter((f) => f.severity === 'error');
    const others = list.filter((f) => f.severity !== 'error');
    const line = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} [${f.rule}]`;
    const attrs = `name="${x(file || '(content)')}" classname="spl-harness validate" file="${x(file)}" line="${(errors[0] ?? list[0]).line}" time="0"`;
    const out = others.length ? `\n      <system-out>${x(others.map(line).join('\n'))}</system-out>` : '';
    if (errors.length) {
      failures++;
      cases.push(
        `    <testcase ${attrs}>\n      <failure message="${x(`${plural(errors.length, 'error')}: ${errors[0].message}`)}" type="${x(errors[0].rule)}">${x(errors.map(line).join('\n'))}</failure>${out}\n    </testcase>`,
      );
    } else cases.push(out ? `    <testcase ${attrs}>${out}\n    </testcase>` : `    <testcase ${attrs}/>`);
  }
  if (cases.length === 0) cases.push(`    <testcase name="${plural(filesChecked, 'file')} validated" classname="spl-harness validate" time="0"/>`);
  const head = `  <testsuite name="spl-harness validate" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">`;
  return { xml: [head, ...cases, '  </testsuite>'].join('\n'), tests: cases.length, failures, errors: 0, skipped: 0, time: 0 };
}
