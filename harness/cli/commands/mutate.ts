/**
 * `spl-harness mutate <detection>`: mutation testing of one detection's tests (runner/mutate.ts),
 * run as `test --mutate` over that detection, reported in the test report formats.
 */
import { exitCodeFor } from '../../runner/merge.js';
import { writeReports } from '../../report/index.js';
import { parseCommandArgs, UsageError, withUsage } from '../args.js';
import { OPTIONS, parseFormats, runSelected } from './test.js';

const HELP = `usage: spl-harness mutate <detection> [test options]

Plants one small fault at a time in the detection's parsed search and runs each of its tests
against every mutant, over the events already read: drop one AND operand, negate a comparison,
narrow a wildcard, drop one OR branch or IN value, raise a numeric threshold by one, remove a
where. A mutant the test tells from the original (another verdict or other result rows) is
killed; the report gives the mutation score and every surviving mutant as SPL, at the position
of its change.

<detection> is an id, name, file or directory (as test --detection). Every option of
\`spl-harness test\` applies (--content, --mirror, --offline, --format, --output, ...).`;

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const args = parseCommandArgs(argv, OPTIONS, HELP);
    if (!args) return 0;
    const v = args.values;
    if (!args.positionals.length) throw new UsageError(`which detection?\n\n${HELP}`);
    const formats = parseFormats(v.format as string[] | undefined);
    const detection = [...args.positionals, ...((v.detection as string[] | undefined) ?? [])];
    const outcome = await runSelected({ ...v, detection, mutate: true, 'no-explain': true });
    if (typeof outcome === 'number') return outcome;
    await writeReports(formats, outcome, { output: v.output as string | undefined, outputDir: v['output-dir'] as string | undefined });
    return exitCodeFor(outcome.summary);
  });
}
