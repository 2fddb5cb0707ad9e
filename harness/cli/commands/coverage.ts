/**
 * `spl-harness coverage`: prints runner/coverage.ts's report (which detections the engine can
 * execute, and what blocks the rest).
 */
import { resolve } from 'node:path';
import { loadContent } from '../../content/load.js';
import type { Content } from '../../content/types.js';
import { blockerCounts, coverageReport, hasUnloadable, isTestedProduction, type CoverageReport } from '../../runner/coverage.js';
import { missingContentRoot, parseCommandArgs, UsageError, withUsage } from '../args.js';

const HELP = `usage: spl-harness coverage [--content DIR] [--format pretty|json]

For every detection: executable by the engine, or blocked by which features (commands,
options, functions, macros, data model datasets, lookups, sourcetypes of its tests).

options:
  --content DIR     content root in the security_content layout (default: .)
  --format FORMAT   pretty (default) or json
`;

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '-');

function pretty(report: CoverageReport, content: Content): string {
  const s = report.summary;
  const tested = new Set(content.detections.filter(isTestedProduction).map((d) => d.id + '\u0000' + d.file.relPath));
  const lines = [
    `detections:                      ${s.total}`,
    `executable:                      ${s.executable} (${pct(s.executable, s.total)})`,
    `tested production:               ${s.tested_production}`,
    `tested production executable:    ${s.tested_production_executable} (${pct(s.tested_production_executable, s.tested_production)})`,
    '',
    'top blockers among tested production detections (detections blocked):',
  ];
  const counts = blockerCounts(report, tested);
  for (const [b, n] of counts.slice(0, 40)) lines.push(`  ${String(n).padStart(5)}  ${b}`);
  if (counts.length > 40) lines.push(`  ... ${counts.length - 40} more`);
  lines.push('', 'blocked detections:');
  for (const d of report.detections) if (!d.executable) lines.push(`  ${d.file}: ${d.blocked_by.join(', ')}`);
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const parsed = parseCommandArgs(argv, { content: { type: 'string' }, format: { type: 'string' } }, HELP);
    if (!parsed) return 0;
    const format = (parsed.values.format as string | undefined) ?? 'pretty';
    if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, not ${format}\n\n${HELP}`);
    if (parsed.positionals.length) throw new UsageError(`unexpected argument ${parsed.positionals[0]}\n\n${HELP}`);
    const root = resolve((parsed.values.content as string | undefined) ?? '.');
    const missing = missingContentRoot(root);
    if (missing) {
      process.stderr.write(`spl-harness coverage: ${missing}\n`);
      return 2;
    }
    const content = loadContent(root);
    const report = coverageReport(content);
    process.stdout.write(format === 'json' ? JSON.stringify(report) + '\n' : pretty(report, content));
    // A detection file that cannot be loaded is a content error, as in validate and test.
    return hasUnloadable(report) ? 1 : 0;
  });
}
