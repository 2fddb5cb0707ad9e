/**
 * Dataset-grouped execution (issue 17): twenty production ESCU Sysmon detections whose tests all
 * read one 200 MB file of real Sysmon events, through `spl-harness test` as CI runs it (a child
 * process, one job): one detection alone, the twenty grouped (the file read once, runner/groups.ts
 * and source-cache.ts), and the twenty test by test (`--no-group`). Wall time and peak RSS of
 * each whole command (`/usr/bin/time`), and whether grouped and test-by-test results agree.
 *
 * Most of these detections find nothing in generic Sysmon data, and a failing test's explanation
 * reads the file again (within its budget, runner/explain-input.ts), whatever the grouping: the three
 * runs use `--no-explain`, so that they measure reading and searching. A failing test on the same
 * file (one detection's process name changed so that nothing matches) gives the explanation's cost
 * against the search pass, from the report's per-test timings.
 *
 * The target compares the group with the first detection alone, a selective one. Each detection
 * alone is timed too: two of the twenty require nothing of the raw text, so alone they extract the
 * whole file, as the group must. The group against its costliest member alone says what grouping
 * itself costs, apart from what the workload asks.
 *
 * The machine is shared, so one run of each says little: the one detection and the group run in
 * turn REPEATS times, and the ratio is of their medians (the spread is reported).
 *
 * `SPL_HARNESS_GROUPING_MB` sets the file's size (default 200); `SPL_HARNESS_GROUPING_REPEATS` the
 * runs of each (default 3).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './types.js';
import { buildSysmonBenchFile } from './ingest.js';
import { buildPoolContent } from './ground-truth.js';
import { sharedRoot } from './shared.js';
import { benchDir, timedTest, type TimedTest } from './timed-test.js';

const PREFIX = 'https://bench.spl-harness.invalid/';
const FILE_MB = Number(process.env.SPL_HARNESS_GROUPING_MB ?? 200);
const DETECTIONS = 20;
const TARGET_RATIO = 2;
const REPEATS = Math.max(1, Number(process.env.SPL_HARNESS_GROUPING_REPEATS ?? 3));

/** The run of median wall time. */
function median(runs: TimedTest[]): TimedTest {
  return [...runs].sort((a, b) => a.wall - b.wall)[Math.floor((runs.length - 1) / 2)];
}
const walls = (runs: TimedTest[]) => runs.map((r) => +r.wall.toFixed(2)).join(', ');

const outcome = (r: TimedTest) => JSON.stringify(r.results.map((x) => ({ ...x, timings: undefined })));

export async function benchGrouping(): Promise<BenchResult[]> {
  const escu = join(sharedRoot(), 'security_content');
  const name = `grouping: ${DETECTIONS} detections on one ${FILE_MB} MB file vs one`;
  if (!existsSync(join(escu, 'detections'))) return [{ name, value: NaN, unit: 'x', skipped: `../shared not found (${sharedRoot()})` }];
  const dir = benchDir();
  mkdirSync(dir, { recursive: true });
  const dataName = `sysmon-${FILE_MB}mb.xml`;
  const built = await buildSysmonBenchFile(join(dir, dataName), FILE_MB);
  if ('skipped' in built) return [{ name, value: NaN, unit: 'x', skipped: built.skipped }];
  const root = join(dir, 'grouping-content');
  const count = buildPoolContent(escu, root, `${PREFIX}${dataName}`, DETECTIONS);
  const files = readdirSync(join(root, 'detections', 'endpoint')).sort();
  const base = ['--content', root, '--mirror', `${PREFIX}=${dir}`, '--offline'];
  const verdicts = [...base, '--no-explain'];
  const out = (tag: string) => join(dir, `grouping-${tag}.json`);

  const ones: TimedTest[] = [];
  const groups: TimedTest[] = [];
  for (let i = 0; i < REPEATS; i++) {
    ones.push(await timedTest([...verdicts, '--detection', join(root, 'detections', 'endpoint', files[0])], out('one')));
    groups.push(await timedTest(verdicts, out('grouped')));
  }
  const one = median(ones);
  const grouped = median(groups);
  const alone = await timedTest([...verdicts, '--no-group'], out('alone'));
  const ratio = grouped.wall / one.wall;
  let costliest = { file: files[0], run: one };
  for (const file of files.slice(1)) {
    const run = await timedTest([...verdicts, '--detection', join(root, 'detections', 'endpoint', file)], out('each'));
    if (run.wall > costliest.run.wall) costliest = { file, run };
  }
  const rows: BenchResult[] = [
    {
      name,
      value: +ratio.toFixed(2),
      unit: 'x the time of one',
      target: `<= ${TARGET_RATIO}x`,
      met: ratio <= TARGET_RATIO,
      details: {
        detections: count,
        file_mb: +(statSync(join(dir, dataName)).size / 2 ** 20).toFixed(1),
        one_s: +one.wall.toFixed(2),
        grouped_s: +grouped.wall.toFixed(2),
        one_runs_s: walls(ones),
        grouped_runs_s: walls(groups),
        test_by_test_s: +alone.wall.toFixed(2),
        test_by_test_ratio: +(alone.wall / one.wall).toFixed(2),
        costliest_one: costliest.file.replace(/\.yml$/, ''),
        costliest_one_s: +costliest.run.wall.toFixed(2),
        grouped_vs_costliest_one: +(grouped.wall / costliest.run.wall).toFixed(2),
        grouped_rss_mb: grouped.rssMb,
        test_by_test_rss_mb: alone.rssMb,
        one_rss_mb: one.rssMb,
        identical_results: String(outcome(grouped) === outcome(alone)),
        statuses: [...new Set(grouped.results.map((r) => r.status))].join(','),
        load: grouped.load,
      },
    },
  ];

  // A failing test on the same file: the explanation's cost against the search pass.
  rows.push(...(await failingRow(root, files[0], base, out, one)));
  return rows;
}

/** Runs the broken copy in place of the first detection and compares its explanation with its search pass (and its RSS with the verdict-only run). */
async function failingRow(root: string, file: string, base: string[], out: (t: string) => string, verdictOnly: TimedTest): Promise<BenchResult[]> {
  const name = `grouping: failing test at ${FILE_MB} MB, total vs search pass`;
  const path = join(root, 'detections', 'endpoint', file);
  const original = readFileSync(path, 'utf8');
  const broken = original.replace(/process_name\s*=\s*"?([A-Za-z0-9_.-]+\.exe)"?/i, 'process_name=no_such_binary_zz.exe');
  if (broken === original) return [{ name, value: NaN, unit: 'x', skipped: 'no process_name term to break in the first detection' }];
  writeFileSync(path, broken);
  try {
    const run = await timedTest([...base, '--detection', path], out('failing'));
    const t = run.results[0]?.timings ?? {};
    const searchPass = (t.read ?? 0) + (t.search ?? 0);
    const total = t.total ?? NaN;
    return [
      {
        name,
        value: +(total / searchPass).toFixed(2),
        unit: 'x',
        target: '<= 2x',
        met: total / searchPass <= 2,
        details: {
          status: run.results[0]?.status ?? '?',
          read_ms: t.read ?? NaN,
          search_ms: t.search ?? NaN,
          explain_and_checks_ms: t.checks ?? NaN,
          total_ms: total,
          rss_mb: run.rssMb,
          verdict_only_rss_mb: verdictOnly.rssMb,
          rss_vs_verdict_only: +(run.rssMb / verdictOnly.rssMb).toFixed(2),
          has_explanation: String(Boolean(run.results[0]?.explanation)),
        },
      },
    ];
  } finally {
    writeFileSync(path, original);
  }
}
