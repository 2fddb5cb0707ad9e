import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderGithub, renderGithubSummary } from './github.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderPretty, type PrettyOptions } from './pretty.js';
import { renderSarif } from './sarif.js';
import { renderSummaryYml } from './summary-yml.js';
import type { Report, ReportFormat } from './types.js';

export { renderPretty, renderJson, renderJunit, renderSarif, renderGithub, renderGithubSummary, renderSummaryYml, renderHtml };

export const REPORT_FORMATS: readonly ReportFormat[] = ['pretty', 'json', 'junit', 'sarif', 'github', 'summary-yml', 'html'];

/** Formats meant for a console (they go to stdout even when others go to files). */
const CONSOLE_FORMATS: ReadonlySet<ReportFormat> = new Set(['pretty', 'github']);

/** File name of each file format inside `--output-dir`. */
export const REPORT_FILE_NAMES: Record<ReportFormat, string> = {
  pretty: 'report.txt',
  json: 'report.json',
  junit: 'junit.xml',
  sarif: 'report.sarif',
  github: 'github-annotations.txt',
  'summary-yml': 'summary.yml',
  html: 'report.html',
};

export function isReportFormat(name: string): name is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(name);
}

/** The report in one format, as text. Pure: `pretty` is colourless unless `color` is asked for. */
export function renderReport(format: ReportFormat, report: Report, opts: PrettyOptions = {}): string {
  switch (format) {
    case 'pretty':
      return renderPretty(report, opts);
    case 'json':
      return renderJson(report);
    case 'junit':
      return renderJunit(report);
    case 'sarif':
      return renderSarif(report);
    case 'github':
      return renderGithub(report);
    case 'summary-yml':
      return renderSummaryYml(report);
    case 'html':
      return renderHtml(report);
    default:
      throw new Error(`unknown report format '${String(format)}'`);
  }
}

export interface WriteOptions {
  /** Write the report to this file (one file format at most; console formats still go to stdout). */
  output?: string;
  /** Write each file format to DIR/<REPORT_FILE_NAMES[format]>; console formats still go to stdout. */
  outputDir?: string;
  /** Defaults: process.stdout, process.env. Injectable for tests. */
  stdout?: { write(text: string): unknown; isTTY?: boolean };
  env?: Record<string, string | undefined>;
}

/**
 * Writes a report in several formats at once (`--format pretty --format junit --output-dir DIR`).
 * Without `output`/`outputDir` every format goes to stdout. `pretty` is coloured only on a
 * terminal (and never with NO_COLOR). With `github`, a markdown summary is appended to
 * $GITHUB_STEP_SUMMARY when that variable is set. Returns the files written.
 */
export async function writeReports(formats: readonly ReportFormat[], report: Report, opts: WriteOptions = {}): Promise<string[]> {
  const stdout = opts.stdout ?? process.stdout;
  const env = opts.env ?? process.env;
  const unique = [...new Set(formats.length ? formats : (['pretty'] as ReportFormat[]))];
  const toFiles = unique.filter((f) => !CONSOLE_FORMATS.has(f) || (!opts.outputDir && opts.output && unique.length === 1));
  if (opts.output && !opts.outputDir && toFiles.length > 1) {
    throw new Error(`--output takes one file format, got ${toFiles.join(', ')}: use --output-dir DIR for several`);
  }
  const written: string[] = [];
  for (const format of unique) {
    const toFile = (opts.output || opts.outputDir) && toFiles.includes(format);
    if (!toFile) {
      const color = format === 'pretty' && !!stdout.isTTY && env.NO_COLOR === undefined;
      stdout.write(renderReport(format, report, { color }));
      continue;
    }
    const path = opts.outputDir ? resolve(opts.outputDir, REPORT_FILE_NAMES[format]) : resolve(opts.output!);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderReport(format, report));
    written.push(path);
  }
  if (unique.includes('github') && env.GITHUB_STEP_SUMMARY) {
    appendFileSync(env.GITHUB_STEP_SUMMARY, renderGithubSummary(report));
  }
  return written;
}

