import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config.js';
import { displayPath } from '../../datasets/display-path.js';
import { loadContent } from '../../content/load.js';
import { LOADER_RULES, lintContent, RULES } from '../../lint/index.js';
import { RUNNER_RULES } from '../../report/rules.js';
import { REPORT_FORMATS, destinationProblem, isReportFormat, writeReports } from '../../report/index.js';
import type { Report, ReportFormat } from '../../report/types.js';
import { parseCommandArgs, UsageError, withUsage, type OptionSpec } from '../args.js';
import { changedScope, findingsInScope, type ChangedScope } from '../../runner/select.js';

const HELP = `usage: spl-harness validate [options]

Lints detection content in the security_content layout (detections/, macros/, stories/,
data_sources/, lookups/): JSON Schemas plus semantic rules (docs/VALIDATE.md lists them).
Every problem is reported in one run, at its file, line and column.

  --content DIR      content root (default: the current directory)
  --config FILE      config file (default: DIR/spl-harness.yml when present); its 'rules:'
                     re-grade or switch off rules, 'suppress:' silences one rule for one detection
  --format F         ${REPORT_FORMATS.join(' | ')} (repeatable; default pretty)
  --output FILE      write the (single file-format) report to FILE instead of stdout
  --output-dir DIR   write one file per format into DIR (pretty and github still print)
  --changed          report only on what a change touches: detections whose YAML changed or
                     that depend on a changed macro, lookup, data source or story, plus the
                     changed content files themselves (git diff against the merge base)
  --base REF         the ref --changed compares against (default origin/main, else main)

exit status: 0 no errors (warnings allowed), 1 errors found, 2 could not run.`;

const OPTIONS = {
  content: { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string', multiple: true },
  output: { type: 'string' },
  'output-dir': { type: 'string' },
  changed: { type: 'boolean' },
  base: { type: 'string' },
} satisfies OptionSpec;

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const args = parseCommandArgs(argv, OPTIONS, HELP);
    if (!args) return 0;
    const v = args.values;
    if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'\n\n${HELP}`);
    const formats = ((v.format as string[] | undefined) ?? ['pretty']).flatMap((f) => f.split(','));
    for (const f of formats) if (!isReportFormat(f)) throw new UsageError(`unknown --format '${f}' (one of ${REPORT_FORMATS.join(', ')})`);
    const problem = destinationProblem(formats as ReportFormat[], { output: v.output as string | undefined, outputDir: v['output-dir'] as string | undefined });
    if (problem) throw new UsageError(problem);

    const root = resolve((v.content as string | undefined) ?? '.');
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      process.stderr.write(`spl-harness validate: content directory not found: ${displayPath(root)}\n`);
      return 2;
    }
    let config;
    try {
      config = loadConfig(root, v.config as string | undefined, [...RULES.map((r) => r.id), ...LOADER_RULES.map((r) => r.id), ...RUNNER_RULES]);
    } catch (err) {
      process.stderr.write(`spl-harness validate: ${(err as Error).message}\n`);
      return 2;
    }
    const content = loadContent(root);
    if (content.detections.length === 0 && content.macros.size === 0 && content.stories.size === 0 && content.loadFindings.length === 0) {
      process.stderr.write(
        `spl-harness validate: no content under ${displayPath(root)} (expected detections/, macros/, stories/, ... as in security_content)\n`,
      );
      return 2;
    }
    if (v.base !== undefined && !v.changed) throw new UsageError('--base needs --changed');
    // The whole tree is linted even with --changed: uniqueness and references need all of it.
    let { summary, findings } = lintContent(content, { config });
    if (v.changed) {
      let scope: ChangedScope;
      try {
        scope = changedScope(content, v.base as string | undefined);
      } catch (err) {
        process.stderr.write(`spl-harness validate: --changed: ${(err as Error).message}\n`);
        return 2;
      }
      for (const d of scope.deleted) process.stderr.write(`spl-harness validate: deleted detection ${d} (not validated)\n`);
      ({ summary, findings } = findingsInScope(findings, scope.files));
    }
    const report: Report = { command: 'validate', summary, findings };
    try {
      await writeReports(formats as ReportFormat[], report, { output: v.output as string | undefined, outputDir: v['output-dir'] as string | undefined });
    } catch (err) {
      process.stderr.write(`spl-harness validate: cannot write the report: ${(err as Error).message}\n`);
      return 2;
    }
    return summary.errors > 0 ? 1 : 0;
  });
}
