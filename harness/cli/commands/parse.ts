/**
 * `spl-harness parse`: expands and parses every detection's search and drilldown searches.
 * Exit 0 when all parse, 1 when some do not, 2 when the content cannot be read.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandArgs, UsageError, withUsage } from '../args.js';
import { loadContent, unloadableDetectionFiles } from '../../content/load.js';
import { checkDetectionSearches } from '../../spl/searches.js';

const HELP = `usage: spl-harness parse [--content DIR] [--format pretty|json] [--include-deprecated]

Expands the macros of every detection's search and drilldown searches and parses them.
  --content DIR         content root in the security_content layout (default: .)
  --format pretty|json  output format (default: pretty)
  --include-deprecated  also parse detections under detections/deprecated/
Exit code: 0 all parsed, 1 some failed, 2 could not run.`;

interface DetectionResult {
  id: string;
  file: string;
  ok: boolean;
  errors: Array<{ message: string; line: number; column: number }>;
}

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const args = parseCommandArgs(argv, { content: { type: 'string' }, format: { type: 'string' }, 'include-deprecated': { type: 'boolean' } }, HELP);
    if (!args) return 0;
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'\n\n${HELP}`);
    const format = (args.values.format as string | undefined) ?? 'pretty';
    if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, not '${format}'\n\n${HELP}`);
    const root = resolve((args.values.content as string | undefined) ?? '.');
    if (!existsSync(resolve(root, 'detections'))) {
      process.stderr.write(`spl-harness parse: no detections/ folder under ${root}\n`);
      return 2;
    }
    const content = loadContent(root);
    const results: DetectionResult[] = [];
    for (const d of content.detections) {
      if (d.deprecated && !args.values['include-deprecated']) continue;
      const errors = checkDetectionSearches(d, content).flatMap((c) =>
        c.errors.map((e) => ({
          message: `${c.search.label}: ${e.message}${e.inMacro ? ` (in macro \`${e.inMacro}\`${e.macroFile ? ` at ${e.macroFile}${e.macroLine ? `:${e.macroLine}:${e.macroColumn}` : ''}` : ''})` : ''}`,
          line: e.line,
          column: e.column,
        })),
      );
      results.push({ id: d.id, file: d.file.relPath, ok: errors.length === 0, errors });
    }
    // A file that cannot be loaded has no search to parse: it fails here too.
    for (const { file, findings } of unloadableDetectionFiles(content)) {
      results.push({
        id: '',
        file,
        ok: false,
        errors: findings.map((f) => ({ message: `the detection cannot be loaded: ${f.message}`, line: f.line, column: f.column })),
      });
    }
    const parsed = results.filter((r) => r.ok).length;
    const summary = { total: results.length, parsed, failed: results.length - parsed };
    if (format === 'json') process.stdout.write(JSON.stringify({ summary, detections: results }, null, 2) + '\n');
    else {
      for (const r of results) for (const e of r.errors) process.stdout.write(`${r.file}:${e.line}:${e.column}: ${e.message}\n`);
      process.stdout.write(`parsed ${parsed}/${results.length}\n`);
    }
    return summary.failed > 0 ? 1 : 0;
  });
}
