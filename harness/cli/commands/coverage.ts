/**
 * `spl-harness coverage`: prints runner/coverage.ts's report (which detections the engine can
 * execute, and what blocks the rest).
 */
import { resolve } from 'node:path';
import { loadContent } from '../../content/load.js';
import type { Content } from '../../content/types.js';
import { blockerCounts, coverageReport, hasUnloadable, isTestedProduction, type CoverageReport } from '../../runner/coverage.js';
import { aggregateCoverage, type CoverageAggregate } from '../../runner/clauses.js';
import { readTestReport } from '../../runner/merge.js';
import { missingContentRoot, parseCommandArgs, UsageError, withUsage } from '../args.js';
import { OPTIONS as TEST_OPTIONS, runSelected } from './test.js';

const HELP = `usage: spl-harness coverage [--content DIR] [--format pretty|json]
       spl-harness coverage --tests [--from-report FILE | test options] [--format pretty|json]

For every detection: executable by the engine, or blocked by which features (commands,
options, functions, macros, data model datasets, lookups, sourcetypes of its tests).

With --tests: clause coverage of the tests instead — runs the selected tests with
\`test --coverage\` (every selection and dataset option of \`spl-harness test\` applies) or reads
a JSON report of such a run (--from-report), and gives the share of search leaves (terms, OR
branches, IN values, case/if arms) the tests exercised, per detection and overall.

options:
  --content DIR       content root in the security_content layout (default: .)
  --format FORMAT     pretty (default) or json
  --tests             clause coverage of the tests (see above)
  --from-report FILE  with --tests: a JSON report of \`test --coverage\` instead of a run
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

function prettyTests(a: CoverageAggregate): string {
  const lines = ['clause coverage (leaves exercised by the test data):'];
  for (const d of a.detections)
    lines.push(
      `  ${pct(d.exercised, d.leaves).padStart(8)}  ${String(d.exercised).padStart(3)}/${String(d.leaves).padEnd(3)}  ${d.file}  (${d.tests} test${d.tests === 1 ? '' : 's'})`,
    );
  const o = a.overall;
  lines.push(
    '',
    `overall: ${o.exercised} of ${o.leaves} leaves exercised (${pct(o.exercised, o.leaves)}) over ${a.detections.length} detections, ${o.tests} tests`,
  );
  return lines.join('\n') + '\n';
}

async function runTests(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { ...TEST_OPTIONS, tests: { type: 'boolean' }, 'from-report': { type: 'string' } }, HELP);
  if (!parsed) return 0;
  const v = parsed.values;
  const format = (v.format as string[] | undefined)?.[0] ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, not ${format}\n\n${HELP}`);
  if (parsed.positionals.length) throw new UsageError(`unexpected argument ${parsed.positionals[0]}\n\n${HELP}`);
  let results;
  if (v['from-report'] !== undefined) {
    try {
      results = readTestReport(v['from-report'] as string).results;
    } catch (err) {
      throw new UsageError(`--from-report: ${(err as Error).message}`);
    }
  } else {
    const outcome = await runSelected({ ...v, coverage: true, 'no-explain': true });
    if (typeof outcome === 'number') return outcome;
    results = outcome.results;
  }
  const aggregate = aggregateCoverage(results);
  process.stdout.write(format === 'json' ? JSON.stringify(aggregate) + '\n' : prettyTests(aggregate));
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    if (argv.includes('--tests')) return runTests(argv);
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
