/**
 * `spl-harness shrink <detection> [--test N] --output DIR`: a minimal fixture for one test
 * (runner/shrink.ts), written as dataset files and a sidecar case.
 */
import { resolve } from 'node:path';
import { loadContent } from '../../content/load.js';
import { loadConfig, parseMirrorFlag, type MirrorRule } from '../../config.js';
import { planTests, selectDetections } from '../../runner/plan.js';
import { shrinkTest, ShrinkError, type ShrinkResult } from '../../runner/shrink.js';
import { parseCommandArgs, UsageError, withUsage } from '../args.js';

const HELP = `usage: spl-harness shrink <detection> [--test N] --output DIR [options]

Reduces one test's dataset events to a small subset that keeps the verdict and the very same
result rows: events the search can never see go first (raw-text pre-filter), then those that do
not pass the first command, then delta debugging removes what is left until no single event can
go. Writes the kept events as dataset files in their original format and a sidecar case that
reads them into DIR, reads them back to check, and reports the reduction (events, bytes).

options:
  --test N                 which test of the detection, 1-based, ESCU tests then sidecar cases (default 1)
  --output DIR             where the files and the case go (required)
  --content DIR            content root (default: the current directory)
  --mirror PREFIX=DIR|URL  serve URLs under PREFIX from a directory or another base (repeatable)
  --no-mirror              ignore every mirror rule
  --offline                never use the network
  --cache-dir DIR          dataset cache directory
  --config FILE            config file (default: <content>/spl-harness.yml)
  --format F               pretty (default) or json

exit status: 0 when the written fixture was read back with the same verdict and rows, 1 when not,
2 when the test could not be shrunk.`;

const OPTIONS = {
  test: { type: 'string' },
  output: { type: 'string' },
  content: { type: 'string' },
  mirror: { type: 'string', multiple: true },
  'no-mirror': { type: 'boolean' },
  offline: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
} as const;

const kb = (n: number) => (n < 10_000 ? `${n} B` : n < 10_000_000 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 2 ** 20).toFixed(1)} MB`);

export function prettyShrink(r: ShrinkResult): string {
  const ratio = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(2)} %` : '-');
  const lines = [
    `${r.detection} — ${r.test}: ${r.passed ? 'passes' : 'fails'} with ${r.rows} row${r.rows === 1 ? '' : 's'}`,
    `  events: ${r.before.events} → ${r.after.events} (${ratio(r.after.events, r.before.events)})`,
    `  bytes:  ${kb(r.before.bytes)} → ${kb(r.after.bytes)} (${ratio(r.after.bytes, r.before.bytes)})`,
    ...r.steps.map(
      (s) => `  ${s.step.padEnd(20)} ${String(s.events).padStart(7)} events${s.kept ? '' : '  (skipped: it changed the outcome or removed nothing)'}`,
    ),
    `  ${r.checks} candidate runs${r.truncated ? ' (stopped at the limit: the subset may not be minimal)' : ''}`,
    `  read back: ${r.verified ? 'same verdict and rows' : 'DIFFERENT verdict or rows (the format does not survive event-by-event writing)'}`,
    ...r.files.map((f) => `  wrote ${f}`),
    `  wrote ${r.sidecar}`,
  ];
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const args = parseCommandArgs(argv, OPTIONS, HELP);
    if (!args) return 0;
    const v = args.values;
    if (args.positionals.length !== 1) throw new UsageError(`give one detection\n\n${HELP}`);
    if (v.output === undefined) throw new UsageError(`--output DIR is required\n\n${HELP}`);
    const format = (v.format as string | undefined) ?? 'pretty';
    if (format !== 'pretty' && format !== 'json') throw new UsageError(`--format must be pretty or json, not ${format}`);
    const n = v.test !== undefined ? Number(v.test) : 1;
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--test expects a whole number ≥ 1, got '${String(v.test)}'`);
    const root = resolve((v.content as string | undefined) ?? process.cwd());
    const config = loadConfig(root, v.config as string | undefined);
    let mirrors: MirrorRule[];
    try {
      mirrors = [...((v.mirror as string[] | undefined) ?? []).map((m) => parseMirrorFlag(m)), ...config.mirrors];
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const content = loadContent(root);
    const selection = selectDetections(content, args.positionals, { includeExperimental: true });
    if (!selection.detections.length) throw new UsageError(`no detection matches '${args.positionals[0]}'`);
    const tests = planTests(content, selection.detections.slice(0, 1)).tests;
    const test = tests[n - 1];
    if (!test) throw new UsageError(`the detection has ${tests.length} test${tests.length === 1 ? '' : 's'}, not ${n}`);
    try {
      const result = await shrinkTest(content, test, {
        output: resolve(v.output as string),
        mirrors,
        noMirror: Boolean(v['no-mirror']),
        offline: Boolean(v.offline),
        cacheDir: (v['cache-dir'] as string | undefined) ? resolve(v['cache-dir'] as string) : config.cacheDir,
      });
      process.stdout.write(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : prettyShrink(result));
      return result.verified ? 0 : 1;
    } catch (err) {
      if (!(err instanceof ShrinkError)) throw err;
      process.stderr.write(`spl-harness shrink: ${err.message}\n`);
      return 2;
    }
  });
}
