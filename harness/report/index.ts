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
import { useColor } from '../common/terminal.js';

export { renderPretty, renderJson, renderJunit, renderSarif, renderGithub, renderGithubSummary, renderSummaryYml, renderHtml };

export const REPORT_FORMATS: readonly ReportFormat[] = ['pretty', 'json', 'junit', 'sarif', 'github', 'summary-yml', 'html'];

/** The run's page, where its artifacts are listed, from the variables GitHub Actions sets. */
function artifactUrl(env: Record<string, string | undefined>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}#artifacts` : undefined;
}

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

/** Which formats go to stdout and which to files, for these destinations. */
function route(formats: readonly ReportFormat[], opts: Pick<WriteOptions, 'output' | 'outputDir'>): { toFiles: ReportFormat[]; toStdout: ReportFormat[] } {
  const unique = [...new Set(formats.length ? formats : (['pretty'] as ReportFormat[]))];
  const toFiles = opts.output || opts.outputDir ? unique.filter((f) => !CONSOLE_FORMATS.has(f) || (!opts.outputDir && unique.length === 1)) : [];
  return { toFiles, toStdout: unique.filter((f) => !toFiles.includes(f)) };
}

/**
 * Why these formats cannot be written to these destinations, or undefined when they can: two
 * formats in one file, or two on stdout (a JSON document followed by XML is neither). With
 * `--output-dir` the console formats (pretty, github annotations) may share stdout: that is a
 * log, not a document.
 */
export function destinationProblem(formats: readonly ReportFormat[], opts: Pick<WriteOptions, 'output' | 'outputDir'>): string | undefined {
  const { toFiles, toStdout } = route(formats, opts);
  if (opts.output && !opts.outputDir && toFiles.length > 1)
    return `--output takes one file format, got ${toFiles.join(', ')}: use --output-dir DIR for several`;
  if (!opts.outputDir && toStdout.length > 1)
    return `${toStdout.join(' and ')} would all be written to stdout, one after the other: give --output-dir DIR (one file per format) or a single --format`;
  return undefined;
}

/**
 * Writes a report in several formats at once (`--format pretty --format junit --output-dir DIR`).
 * Without `output`/`outputDir` every format goes to stdout. `pretty` is coloured only on a
 * terminal (FORCE_COLOR, NO_COLOR and TERM=dumb honoured, cli/terminal.ts). With `github`, a markdown summary is appended to
 * $GITHUB_STEP_SUMMARY when that variable is set. Returns the files written.
 */
export async function writeReports(formats: readonly ReportFormat[], report: Report, opts: WriteOptions = {}): Promise<string[]> {
  const stdout = opts.stdout ?? process.stdout;
  const env = opts.env ?? process.env;
  const unique = [...new Set(formats.length ? formats : (['pretty'] as ReportFormat[]))];
  const problem = destinationProblem(unique, opts);
  if (problem) throw new Error(problem);
  const { toFiles } = route(unique, opts);
  const written: string[] = [];
  for (const format of unique) {
    if (!toFiles.includes(format)) {
      const color = format === 'pretty' && useColor(stdout, env);
      stdout.write(renderReport(format, report, { color }));
      continue;
    }
    const path = opts.outputDir ? resolve(opts.outputDir, REPORT_FILE_NAMES[format]) : resolve(opts.output!);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderReport(format, report));
    written.push(path);
  }
  if (unique.includes('github') && env.GITHUB_STEP_SUMMARY) {
    appendFileSync(env.GITHUB_STEP_SUMMARY, renderGithubSummary(report, { artifactUrl: artifactUrl(env) }));
  }
  return written;
}
