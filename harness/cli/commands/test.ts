import { resolve } from 'node:path';
import { loadContent } from '../../content/load.js';
import { displayPath } from '../../datasets/display-path.js';
import { loadConfig, parseDuration, parseMirrorFlag, type MirrorRule } from '../../config.js';
import { missingContentRoot, parseCommandArgs, UsageError, withUsage, type OptionSpec } from '../args.js';
import { planTests, unloadableDetections, type PlannedTest } from '../../runner/plan.js';
import { selectForRun, UnmatchedSpecError, type RunSelection } from '../../runner/select.js';
import { ChangedError } from '../../runner/changed.js';
import { parseShard, selectShard } from '../../runner/shard.js';
import { runTests, defaultJobs } from '../../runner/pool.js';
import { exitCodeFor, planDigest, readTestReport, summarize } from '../../runner/merge.js';
import { destinationProblem, isReportFormat, REPORT_FORMATS, writeReports, type WriteOptions } from '../../report/index.js';
import type { Baseline, Report, ReportFormat, ShardInfo } from '../../report/types.js';
import { progress } from '../../common/terminal.js';

export const HELP = `usage: spl-harness test [options]

Replays each selected detection test's attack data through the SPL engine and asserts
Splunk's pass rule, plus the filter-macro, risk and sidecar-case checks (docs/RUNNER.md).

selection:
  --content DIR            content root (default: the current directory)
  --detection X            a detection id, name, file or directory (repeatable)
  --include-experimental   also run detections with status: experimental
  --changed                only detections touched by changes against the merge base
  --base REF               the ref --changed compares with (default origin/main, else main)
  --shard i/n              run the i-th of n deterministic, cost-balanced shards
  --list                   print the selected tests (and why, with --changed) and exit
datasets:
  --mirror PREFIX=DIR|URL  serve URLs under PREFIX from a directory or another base (repeatable)
  --no-mirror              ignore every mirror rule (download the real files)
  --offline                never use the network
  --cache-dir DIR          dataset cache directory
execution and output:
  --jobs N                 threads doing CPU work (default: the cores)
  --test-timeout T         each test's time budget, e.g. 90s or 5m (default 5m, or test_timeout: in
                           the config; 0 = none); a test past it is stopped and ends as an error
  --heap-limit MB          each worker thread's heap limit (default 1024, or heap_limit_mb: in the
                           config; 0 = V8's own); a test past it ends as an error saying so
  --no-prefilter           extract every event, also those whose raw text the search cannot match
  --no-explain             no "why no hit" explanation of a failing true positive (verdicts only)
  --no-group               run test by test (by default the tests of one dataset run together and
                           read it once)
  --strict                 fail a true positive when any row lacks a risk object (rule
                           test-observable-incomplete), beyond contentctl's pass rule
  --coverage               clause coverage: the leaves of each search (terms, OR branches, IN values,
                           case/if arms) the test data exercised, and those it did not (docs/QUALITY.md)
  --mutate                 mutation testing: run each test against mutants of its search and report
                           the mutation score and the surviving mutants (a multiple of the test's cost)
  --format F               pretty | json | junit | sarif | github | summary-yml | html (repeatable, or a,b)
  --baseline FILE          a previous JSON report: the html report shows what changed since
  --output FILE            write the (single) report to FILE instead of stdout
  --output-dir DIR         write one file per format into DIR (needed for two or more
                           formats; pretty and github still print)
  --config FILE            config file (default: <content>/spl-harness.yml)

config: spl-harness.yml (mirrors, cache_dir, rules, suppress, filter_macros: generated | required).

exit status: 0 when no test failed or errored, 1 otherwise, 2 when the run could not start.`;

export const OPTIONS = {
  content: { type: 'string' },
  detection: { type: 'string', multiple: true },
  'include-experimental': { type: 'boolean' },
  changed: { type: 'boolean' },
  base: { type: 'string' },
  shard: { type: 'string' },
  list: { type: 'boolean' },
  mirror: { type: 'string', multiple: true },
  'no-mirror': { type: 'boolean' },
  offline: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  jobs: { type: 'string' },
  'test-timeout': { type: 'string' },
  'heap-limit': { type: 'string' },
  'no-prefilter': { type: 'boolean' },
  strict: { type: 'boolean' },
  'no-group': { type: 'boolean' },
  'no-explain': { type: 'boolean' },
  coverage: { type: 'boolean' },
  mutate: { type: 'boolean' },
  format: { type: 'string', multiple: true },
  output: { type: 'string' },
  'output-dir': { type: 'string' },
  baseline: { type: 'string' },
  config: { type: 'string' },
} satisfies OptionSpec;

/** `--format a --format b` or `--format a,b`; default pretty. */
export function parseFormats(values: string[] | undefined): ReportFormat[] {
  const formats = (values ?? ['pretty'])
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter(Boolean);
  for (const f of formats) if (!isReportFormat(f)) throw new UsageError(`unknown --format '${f}' (one of ${REPORT_FORMATS.join(', ')})`);
  return formats as ReportFormat[];
}

/** Refuses, before any work, formats that would end up together on stdout or in one file. */
export function checkFormatDestinations(formats: readonly ReportFormat[], opts: Pick<WriteOptions, 'output' | 'outputDir'>): void {
  const problem = destinationProblem(formats, opts);
  if (problem) throw new UsageError(problem);
}

export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const args = parseCommandArgs(argv, OPTIONS, HELP);
    if (!args) return 0;
    const v = args.values;
    if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}' (use --detection)\n\n${HELP}`);
    const formats = parseFormats(v.format as string[] | undefined);
    const destinations = { output: v.output as string | undefined, outputDir: v['output-dir'] as string | undefined };
    checkFormatDestinations(formats, destinations);
    const outcome = await runSelected(v);
    if (typeof outcome === 'number') return outcome;
    await writeReports(formats, outcome, destinations);
    return exitCodeFor(outcome.summary);
  });
}

/**
 * Selects and runs the tests as the parsed `test` options say, and returns the report (or the
 * exit code when the run ends early: --list, a --changed failure, no content root). `mutate` and
 * `coverage --tests` run through here with their flag set.
 */
export async function runSelected(v: Record<string, string | boolean | string[] | undefined>): Promise<(Report & { command: 'test' }) | number> {
  const root = resolve((v.content as string | undefined) ?? process.cwd());
  const jobs = v.jobs !== undefined ? Number(v.jobs) : defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs expects a whole number ≥ 1, got '${String(v.jobs)}'`);
  const testTimeoutMs = v['test-timeout'] !== undefined ? parseDuration(v['test-timeout'] as string) : undefined;
  if (v['test-timeout'] !== undefined && testTimeoutMs === undefined)
    throw new UsageError(`--test-timeout expects seconds or a duration such as 90s or 5m, got '${String(v['test-timeout'])}'`);
  const heapLimitMb = v['heap-limit'] !== undefined ? Number(v['heap-limit']) : undefined;
  if (heapLimitMb !== undefined && !(Number.isInteger(heapLimitMb) && heapLimitMb >= 0))
    throw new UsageError(`--heap-limit expects a whole number of MB (0: no limit of ours), got '${String(v['heap-limit'])}'`);
  const shard = v.shard !== undefined ? parseOrUsage(() => parseShard(v.shard as string)) : undefined;
  if (v.base !== undefined && !v.changed) throw new UsageError('--base needs --changed');
  // Read before the run: a wrong path should not cost a whole run.
  const baseline = v.baseline !== undefined ? readBaseline(v.baseline as string) : undefined;

  const config = parseOrUsage(() => loadConfig(root, v.config as string | undefined));
  const mirrors: MirrorRule[] = [...((v.mirror as string[] | undefined) ?? []).map((m) => parseOrUsage(() => parseMirrorFlag(m))), ...config.mirrors];
  const noMirror = Boolean(v['no-mirror']);
  const missing = missingContentRoot(root);
  if (missing) {
    process.stderr.write(`spl-harness test: ${missing}\n`);
    return 2;
  }
  const content = loadContent(root);
  if (content.detections.length === 0 && content.loadFindings.length === 0) {
    process.stderr.write(`spl-harness test: no detections under ${displayPath(root)}/detections\n`);
  }
  // Which detections.
  let selection: RunSelection;
  try {
    selection = selectForRun(content, {
      root,
      specs: (v.detection as string[] | undefined) ?? [],
      includeExperimental: Boolean(v['include-experimental']),
      changed: v.changed ? { base: v.base as string | undefined, cwd: root, mirrors } : undefined,
    });
  } catch (err) {
    if (err instanceof UnmatchedSpecError) throw new UsageError(err.message);
    if (err instanceof ChangedError) {
      process.stderr.write(`spl-harness test: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const { detections, excluded, why, notes, broken: brokenFilter } = selection;

  // Which tests.
  const plan = planTests(content, detections, excluded);
  let tests: PlannedTest[] = plan.tests;
  let shardInfo: ShardInfo | undefined;
  if (shard) {
    tests = selectShard(tests, shard, { mirrors, noMirror });
    const keys = plan.tests.map((t) => t.key);
    shardInfo = { index: shard.index, count: shard.count, planned: tests.map((t) => t.key), plan_total: keys.length, plan_digest: planDigest(keys) };
    notes.push(`shard ${shard.index}/${shard.count}: ${tests.length} of ${plan.tests.length} tests`);
  }
  // Broken files cost nothing to report: the first shard carries them.
  const broken = !shard || shard.index === 1 ? unloadableDetections(content, brokenFilter) : [];

  if (v.list) {
    for (const n of notes) process.stdout.write(`${n}\n`);
    for (const b of broken) process.stdout.write(`${b.file}  ${b.test}  [error: ${b.reasons[0]}]\n`);
    for (const t of tests) {
      const reasons = why.get(t.detection);
      const skip = t.skip ? `  [${t.skip.status}: ${t.skip.reason}]` : '';
      process.stdout.write(`${t.detection.file.relPath}  ${t.name}${skip}${reasons ? `  ← ${reasons.join('; ')}` : ''}\n`);
    }
    return 0;
  }
  for (const n of notes) process.stderr.write(`${n}\n`);

  // Run.
  const started = performance.now();
  const shown = progress(process.stderr, { total: tests.length });
  const results = await runTests(content, tests, {
    mirrors,
    noMirror,
    offline: Boolean(v.offline),
    cacheDir: (v['cache-dir'] as string | undefined) ? resolve(v['cache-dir'] as string) : config.cacheDir,
    allowDataDirs: config.allowDataDirs,
    testTimeoutMs: testTimeoutMs ?? config.testTimeoutMs,
    heapLimitMb: heapLimitMb ?? config.heapLimitMb,
    rules: v.strict ? { ...config.rules, 'test-observable-incomplete': 'error' } : config.rules,
    filterMacros: config.filterMacros,
    noPrefilter: Boolean(v['no-prefilter']),
    noGroup: Boolean(v['no-group']),
    noExplain: Boolean(v['no-explain']),
    coverage: Boolean(v.coverage),
    mutate: Boolean(v.mutate),
    jobs,
    onResult: (r, done, total) => shown.update(r.status, done, total),
    // For tests and tuning: prepared bytes per started worker thread (see runner/pool.ts).
    workerStartBytes: process.env.SPL_HARNESS_WORKER_START_BYTES ? Number(process.env.SPL_HARNESS_WORKER_START_BYTES) : undefined,
  });
  shown.stop();
  results.unshift(...broken);
  const summary = summarize(results, performance.now() - started);
  return { command: 'test', summary, results, findings: plan.findings.length ? plan.findings : undefined, shard: shardInfo, baseline };
}

/** A previous run's JSON report, named as the user gave it (the report shows that name). */
export function readBaseline(path: string): Baseline {
  try {
    return { label: path, results: readTestReport(path).results };
  } catch (err) {
    throw new UsageError(`--baseline: ${(err as Error).message}`);
  }
}

function parseOrUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
