import type { Severity } from '../content/types.js';
import { findingsByFile, isProblem, plural, reportFindings } from './common.js';
import type { Report, TestResult, TestStatus } from './types.js';

export interface PrettyOptions {
  /** ANSI colours; the caller decides (on when writing to a terminal). */
  color?: boolean;
}

type Paint = (code: number, text: string) => string;

const SEVERITY_COLOR: Record<Severity, number> = { error: 31, warning: 33, info: 36 };
const STATUS_LABEL: Record<TestStatus, { text: string; color: number }> = {
  passed: { text: 'PASS', color: 32 },
  failed: { text: 'FAIL', color: 31 },
  error: { text: 'ERROR', color: 31 },
  unsupported: { text: 'UNSUP', color: 33 },
  skipped: { text: 'SKIP', color: 90 },
};

/** Console output, ESLint "stylish" style for findings: one block per file, one line per finding. */
export function renderPretty(report: Report, opts: PrettyOptions = {}): string {
  const paint: Paint = opts.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const lines: string[] = [];
  const findings = reportFindings(report);
  if (findings.length) lines.push(...findingLines(findings, paint));
  if (report.command === 'validate') {
    const { files, errors, warnings } = report.summary;
    if (errors + warnings === 0) lines.push(paint(32, `✔ ${plural(files, 'file')} checked, no problems`));
    else
      lines.push(
        paint(
          errors ? 31 : 33,
          `✖ ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')} checked`,
        ),
      );
    return lines.join('\n') + '\n';
  }
  for (const r of report.results) lines.push(...resultLines(r, paint));
  const s = report.summary;
  if (lines.length) lines.push('');
  const counts = [
    paint(32, `${s.passed} passed`),
    paint(s.failed ? 31 : 0, `${s.failed} failed`),
    paint(s.errors ? 31 : 0, `${plural(s.errors, 'error')}`),
    paint(s.unsupported ? 33 : 0, `${s.unsupported} unsupported`),
    `${s.skipped} skipped`,
  ];
  lines.push(`${plural(s.total, 'test')}: ${counts.join(', ')} in ${(s.duration_ms / 1000).toFixed(1)} s`);
  return lines.join('\n') + '\n';
}

function findingLines(findings: ReturnType<typeof reportFindings>, paint: Paint): string[] {
  const lines: string[] = [];
  for (const [file, list] of findingsByFile(findings)) {
    lines.push(paint(4, file || '(content)'));
    const width = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    for (const f of list) {
      const where = `${f.line}:${f.column}`.padEnd(width);
      lines.push(`  ${paint(90, where)}  ${paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7))}  ${f.message}  ${paint(90, f.rule)}`);
    }
    lines.push('');
  }
  return lines;
}

function resultLines(r: TestResult, paint: Paint): string[] {
  const label = STATUS_LABEL[r.status];
  const rows = r.status === 'passed' || r.status === 'failed' ? paint(90, ` (${plural(r.rows, 'row')})`) : '';
  const lines = [`${paint(label.color, label.text.padEnd(5))}  ${r.name} — ${r.test}${rows}`];
  if (r.status !== 'passed') {
    for (const reason of r.reasons) lines.push(`       ${reason}`);
    if (r.status === 'failed' && r.decided_by) lines.push(paint(90, `       decided by the ${r.decided_by}`));
    if (isProblem(r.status) && r.explanation) for (const l of r.explanation.split('\n')) lines.push(paint(90, `       ${l}`));
    lines.push(paint(90, `       ${r.file}${r.line ? `:${r.line}` : ''}`));
  }
  if (r.coverage) {
    const c = r.coverage;
    const total = c.exercised.length + c.unexercised.length;
    lines.push(paint(90, `       clause coverage: ${c.exercised.length} of ${total} leaves exercised`));
    for (const l of c.unexercised)
      lines.push(`         ${paint(33, 'unexercised')} ${r.file}:${l.line}:${l.column}  ${l.text}${l.macro ? paint(90, `  (macro ${l.macro})`) : ''}`);
  }
  if (r.mutation) {
    const m = r.mutation;
    const invalid = m.invalid ? `, ${m.invalid} invalid` : '';
    lines.push(paint(90, `       mutation score: ${(100 * m.score).toFixed(0)} % (${m.killed} of ${m.mutants - m.invalid} mutants killed${invalid})`));
    for (const s of m.survivors) {
      lines.push(
        `         ${paint(33, 'survived')} ${r.file}:${s.line}:${s.column}  ${s.operator}: ${s.change}${s.macro ? paint(90, `  (macro ${s.macro})`) : ''}`,
      );
      lines.push(paint(90, `           ${s.spl.length > 400 ? `${s.spl.slice(0, 400)}…` : s.spl}`));
    }
  }
  return lines;
}
