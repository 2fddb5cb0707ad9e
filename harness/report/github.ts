import type { Severity } from '../content/types.js';
import { findingsByFile, isProblem, plural, problemText, reportFindings } from './common.js';
import type { Report } from './types.js';

/**
 * GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` line per
 * finding and per failed or errored test, which GitHub shows on the PR diff. Values are escaped
 * as the runner expects (`%`, CR and LF in messages; also `:` and `,` in properties).
 */
export function renderGithub(report: Report): string {
  const lines: string[] = [];
  const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
  for (const f of reportFindings(report)) {
    lines.push(`::${command[f.severity]} ${props({ file: f.file, line: f.line, col: f.column, title: f.rule })}::${escapeData(f.message)}`);
  }
  if (report.command === 'test') {
    for (const r of report.results) {
      if (!isProblem(r.status)) continue;
      lines.push(`::error ${props({ file: r.file, line: r.line, title: `${r.status === 'failed' ? 'test failed' : 'test error'}: ${r.test}` })}::${escapeData(`${r.name}: ${problemText(r)}`)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** A markdown summary for $GITHUB_STEP_SUMMARY: the counts, then a table of what needs attention. */
export function renderGithubSummary(report: Report): string {
  const md: string[] = [];
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  if (report.command === 'validate') {
    const { files, errors, warnings } = report.summary;
    md.push(`## spl-harness validate: ${errors ? '❌' : '✅'} ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`, '');
  } else {
    const s = report.summary;
    md.push(`## spl-harness test: ${s.failed + s.errors ? '❌' : '✅'} ${s.passed}/${s.total} passed`, '');
    md.push('| passed | failed | errors | unsupported | skipped | duration |', '|---:|---:|---:|---:|---:|---:|');
    md.push(`| ${s.passed} | ${s.failed} | ${s.errors} | ${s.unsupported} | ${s.skipped} | ${(s.duration_ms / 1000).toFixed(1)} s |`, '');
    const problems = report.results.filter((r) => isProblem(r.status));
    if (problems.length) {
      md.push('| status | detection | test | reason |', '|---|---|---|---|');
      for (const r of problems) md.push(`| ${r.status} | ${cell(r.name)} (\`${cell(r.file)}\`) | ${cell(r.test)} | ${cell(problemText(r).split('\n')[0])} |`);
      md.push('');
    }
  }
  const findings = reportFindings(report);
  if (findings.length) {
    md.push('| file | line | severity | rule | message |', '|---|---:|---|---|---|');
    for (const [file, list] of findingsByFile(findings)) for (const f of list) md.push(`| \`${cell(file)}\` | ${f.line} | ${f.severity} | ${f.rule} | ${cell(f.message)} |`);
    md.push('');
  }
  return md.join('\n') + '\n';
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function props(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
}
