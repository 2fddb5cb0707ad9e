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
      lines.push(
        `::error ${props({ file: r.file, line: r.line, title: `${r.status === 'failed' ? 'test failed' : 'test error'}: ${r.test}` })}::${escapeData(`${r.name}: ${problemText(r)}`)}`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** GitHub refuses a step summary over 1 MiB (per step); ours stays well under it. */
export const STEP_SUMMARY_MAX_BYTES = 1_000_000;

export interface SummaryOptions {
  /** Where the run's full report can be downloaded (the run's artifacts page). */
  artifactUrl?: string;
  /** Cap on the summary's UTF-8 size; default STEP_SUMMARY_MAX_BYTES. */
  maxBytes?: number;
}

/**
 * A markdown summary for $GITHUB_STEP_SUMMARY: the counts, then what needs attention, failures
 * and errors before warnings, cut to fit under GitHub's size limit with a line saying how many
 * rows were left out and where the full report is.
 */
export function renderGithubSummary(report: Report, opts: SummaryOptions = {}): string {
  const head: string[] = [];
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const tables: Array<{ header: string[]; rows: string[] }> = [];
  const findings = reportFindings(report);
  const findingTable = (list: typeof findings) => ({
    header: ['| file | line | severity | rule | message |', '|---|---:|---|---|---|'],
    rows: list.map((f) => `| \`${cell(f.file)}\` | ${f.line} | ${f.severity} | ${f.rule} | ${cell(f.message)} |`),
  });
  if (report.command === 'validate') {
    const { files, errors, warnings } = report.summary;
    head.push(`## spl-harness validate: ${errors ? '❌' : '✅'} ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}`, '');
  } else {
    const s = report.summary;
    head.push(`## spl-harness test: ${s.failed + s.errors ? '❌' : '✅'} ${s.passed}/${s.total} passed`, '');
    head.push('| passed | failed | errors | unsupported | skipped | duration |', '|---:|---:|---:|---:|---:|---:|');
    head.push(`| ${s.passed} | ${s.failed} | ${s.errors} | ${s.unsupported} | ${s.skipped} | ${(s.duration_ms / 1000).toFixed(1)} s |`, '');
    // Failures before errors: a failure is a detection that ran and missed.
    const problems = report.results.filter((r) => isProblem(r.status)).sort((a, b) => Number(a.status === 'error') - Number(b.status === 'error'));
    if (problems.length) {
      tables.push({
        header: ['| status | detection | test | reason |', '|---|---|---|---|'],
        rows: problems.map((r) => `| ${r.status} | ${cell(r.name)} (\`${cell(r.file)}\`) | ${cell(r.test)} | ${cell(problemText(r).split('\n')[0])} |`),
      });
    }
  }
  const order: Record<string, number> = { error: 0, warning: 1, info: 2 };
  const sorted = [...findingsByFile(findings).values()].flat().sort((a, b) => order[a.severity] - order[b.severity]);
  if (sorted.length) tables.push(findingTable(sorted));

  const max = opts.maxBytes ?? STEP_SUMMARY_MAX_BYTES;
  const pointer = opts.artifactUrl ? `The full report is in [this run's artifacts](${opts.artifactUrl}).` : "The full report is in this run's artifacts.";
  // Room kept for the closing lines, whatever is cut.
  const reserve = Buffer.byteLength(pointer) + 200;
  const out = [...head];
  let size = Buffer.byteLength(out.join('\n')) + 1;
  let left = 0;
  for (const table of tables) {
    const headerSize = Buffer.byteLength(table.header.join('\n')) + 1;
    let shown = 0;
    for (const row of table.rows) {
      const rowSize = Buffer.byteLength(row) + 1;
      if (left || size + (shown ? 0 : headerSize) + rowSize + reserve > max) {
        left++;
        continue;
      }
      if (!shown) {
        out.push(...table.header);
        size += headerSize;
      }
      out.push(row);
      size += rowSize;
      shown++;
    }
    if (shown) out.push('');
  }
  if (left) out.push(`… ${plural(left, 'more row')} not shown: a step summary must stay under 1 MiB. ${pointer}`, '');
  else if (opts.artifactUrl) out.push(pointer, '');
  return out.join('\n') + '\n';
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function props(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
}
