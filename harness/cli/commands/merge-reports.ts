import { parseCommandArgs, UsageError, withUsage, type OptionSpec } from '../args.js';
import { exitCodeFor, mergeReports, readTestReport, regressions, type TestReportData } from '../../runner/merge.js';
import { writeReports } from '../../report/index.js';
import { checkFormatDestinations, parseFormats } from './test.js';

const HELP = `usage: spl-harness merge-reports FILE... [options]

Joins the JSON reports of a sharded run (spl-harness test --shard i/n --format json) into one
report, in any format, with one exit code.

  --format F         pretty | json | junit | sarif | github | summary-yml | html (repeatable; default pretty)
  --output FILE      write the (single) report to FILE instead of stdout
  --output-dir DIR   write one file per format into DIR
  --baseline FILE    a previous merged JSON report: fail only on regressions (a test that
                     passed there and does not now, or any test of it that is missing now),
                     instead of on any failure or error; the html report shows what changed since

Shard reports carry their i/n and the tests they planned: every shard must be given exactly
once and hold a result for everything it planned.

exit status: 0 when nothing failed or errored (or, with --baseline, nothing regressed),
1 otherwise, 2 when a report could not be read or the shards do not add up (one missing,
given twice, cut short, or from another plan).`;

export const OPTIONS = {
  format: { type: 'string', multiple: true },
  output: { type: 'string' },
  'output-dir': { type: 'string' },
  baseline: { type: 'string' },
} satisfies OptionSpec;

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const args = parseCommandArgs(argv, OPTIONS, HELP);
    if (!args) return 0;
    if (args.positionals.length === 0) throw new UsageError(`give at least one report file\n\n${HELP}`);
    const formats = parseFormats(args.values.format as string[] | undefined);
    const destinations = { output: args.values.output as string | undefined, outputDir: args.values['output-dir'] as string | undefined };
    checkFormatDestinations(formats, destinations);
    let merged: TestReportData;
    let baseline: TestReportData | undefined;
    try {
      merged = mergeReports(args.positionals.map(readTestReport));
      if (args.values.baseline) baseline = readTestReport(args.values.baseline as string);
    } catch (err) {
      process.stderr.write(`spl-harness merge-reports: ${(err as Error).message}\n`);
      return 2;
    }
    const previous = baseline && { label: args.values.baseline as string, results: baseline.results };
    await writeReports(
      formats,
      { command: 'test', summary: merged.summary, results: merged.results, findings: merged.findings, baseline: previous },
      destinations,
    );
    if (!baseline) return exitCodeFor(merged.summary);
    const lost = regressions(baseline, merged);
    for (const r of lost) {
      const now = r.now === 'missing' ? 'missing from this run (a lost shard, or a test dropped from the plan)' : `now ${r.now}`;
      process.stderr.write(`regression: ${r.file} — ${r.test} [${r.key}]: was ${r.was}, ${now}${r.reason ? ` (${r.reason})` : ''}\n`);
    }
    process.stderr.write(`${lost.length} regression${lost.length === 1 ? '' : 's'} against ${args.values.baseline as string}\n`);
    return lost.length ? 1 : 0;
  });
}
