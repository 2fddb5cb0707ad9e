/**
 * What the test-quality tools cost (issue 18, docs/QUALITY.md), through the CLI as a reviewer or
 * CI runs it (a child process, one job, wall time and peak RSS from `/usr/bin/time`):
 *   (a) the mutation run of the seed detection against its plain test: `spl-harness test --mutate`
 *       against `spl-harness test`, every test of the seed (ESCU test and sidecar cases);
 *   (b) `spl-harness shrink` of one test whose dataset is a 10 MB file of real Sysmon events: the
 *       seed detection, copied into a generated content tree whose only test reads that file
 *       through a mirror, with the events and bytes before and after.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './types.js';
import { buildSysmonBenchFile } from './ingest.js';
import { projectRoot } from './memory-probe.js';
import { withSysmonTest } from './detection-tests.js';

const SEED = 'detections/endpoint/remote_process_instantiation_via_winrm_and_winrs.yml';
const PREFIX = 'https://bench.spl-harness.invalid/';
const SHRINK_FILE_MB = 10;
/** Runs of each command; the median is reported (the machine is shared). */
const RUNS = 5;
/** The promise: a detection's full mutation run costs a small multiple of its test. */
const TARGET_MUTATION_RATIO = 5;

interface Child {
  wall: number;
  /** User + system CPU seconds of the child: steadier than wall time on a shared machine. */
  cpu: number;
  rssMb: number;
  code: number;
}

function benchDir(): string {
  return process.env.SPL_HARNESS_BENCH_DIR ?? join(tmpdir(), 'spl-harness-bench');
}

/** `spl-harness <args>` under `/usr/bin/time`, its stdout to `stdoutFile`. */
function runCli(args: string[], stdoutFile: string): Promise<Child> {
  const cli = join(projectRoot(), 'bin', 'spl-harness.js');
  const timeFile = `${stdoutFile}.time`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, process.execPath, cli, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      writeFileSync(stdoutFile, Buffer.concat(out));
      const [rssKb, user, sys] = (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
      resolve({ wall, cpu: user + sys, rssMb: Math.round(rssKb / 1024), code: code ?? -1 });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface TestRun extends Child {
  results: Array<{ status: string; timings: Record<string, number>; mutation?: { mutants: number; killed: number; invalid: number } }>;
}

async function runTest(extra: string[], output: string): Promise<TestRun> {
  const root = projectRoot();
  const child = await runCli(
    ['test', '--content', root, '--detection', join(root, SEED), '--jobs', '1', '--format', 'json', '--output', output, ...extra],
    `${output}.stdout`,
  );
  if (child.code !== 0 && child.code !== 1) throw new Error(`spl-harness test exited ${child.code}`);
  const report = JSON.parse(readFileSync(output, 'utf8')) as { results: TestRun['results'] };
  return { ...child, results: report.results };
}

export async function benchQuality(): Promise<BenchResult[]> {
  const dir = benchDir();
  mkdirSync(dir, { recursive: true });
  const rows: BenchResult[] = [];
  try {
    rows.push(await mutationRow(dir));
  } catch (err) {
    rows.push({ name: 'quality: seed test --mutate vs test', value: NaN, unit: 'x', skipped: (err as Error).message.split('\n')[0] });
  }
  try {
    rows.push(await shrinkRow(dir));
  } catch (err) {
    rows.push({ name: `quality: shrink of a ${SHRINK_FILE_MB} MB dataset`, value: NaN, unit: 's', skipped: (err as Error).message.split('\n')[0] });
  }
  return rows;
}

async function mutationRow(dir: string): Promise<BenchResult> {
  const plain: TestRun[] = [];
  const mutated: TestRun[] = [];
  // Interleaved, so that a burst of load on the shared machine falls on both sides.
  for (let i = 0; i < RUNS; i++) {
    plain.push(await runTest([], join(dir, `quality-plain-${i}.json`)));
    mutated.push(await runTest(['--mutate'], join(dir, `quality-mutate-${i}.json`)));
  }
  const plainWall = median(plain.map((r) => r.wall));
  const mutateWall = median(mutated.map((r) => r.wall));
  const ratio = mutateWall / plainWall;
  // In-process figures from the last mutation run's report: the searching the test does against the mutants'.
  const last = mutated[mutated.length - 1].results;
  const sum = (key: string) => Math.round(last.reduce((s, r) => s + (Number(r.timings[key]) || 0), 0));
  const mutants = last.reduce((s, r) => s + (r.mutation?.mutants ?? 0), 0);
  const killed = last.reduce((s, r) => s + (r.mutation?.killed ?? 0), 0);
  const invalid = last.reduce((s, r) => s + (r.mutation?.invalid ?? 0), 0);
  return {
    name: 'quality: seed test --mutate vs test',
    value: +ratio.toFixed(2),
    unit: 'x the time of the test',
    target: `<= ${TARGET_MUTATION_RATIO}x`,
    met: ratio <= TARGET_MUTATION_RATIO,
    details: {
      tests: last.length,
      test_s: +plainWall.toFixed(2),
      test_mutate_s: +mutateWall.toFixed(2),
      test_cpu_s: +median(plain.map((r) => r.cpu)).toFixed(2),
      test_mutate_cpu_s: +median(mutated.map((r) => r.cpu)).toFixed(2),
      cpu_ratio: +(median(mutated.map((r) => r.cpu)) / median(plain.map((r) => r.cpu))).toFixed(2),
      test_rss_mb: median(plain.map((r) => r.rssMb)),
      test_mutate_rss_mb: median(mutated.map((r) => r.rssMb)),
      mutants,
      killed,
      invalid,
      read_and_search_ms: sum('read') + sum('search'),
      mutate_ms: sum('mutate'),
      mutate_vs_read_and_search: +(sum('mutate') / (sum('read') + sum('search'))).toFixed(2),
      statuses: [...new Set(last.map((r) => r.status))].join(','),
      runs: RUNS,
      load: +loadavg()[0].toFixed(2),
    },
  };
}

/**
 * A content tree that is the project's (macros, lookups, data sources…) with one detection: the
 * seed, whose only test reads the bench file through a mirror. No sidecar cases: `--test 1` is it.
 */
function buildShrinkContent(root: string, dataUrl: string): string {
  const project = projectRoot();
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'detections', 'endpoint'), { recursive: true });
  const skip = new Set(['detections', 'test_cases', 'spl-harness.yml', 'node_modules', 'dist', '.git', 'bench', 'test']);
  for (const entry of readdirSync(project)) if (!skip.has(entry)) symlinkSync(join(project, entry), join(root, entry));
  const text = readFileSync(join(project, SEED), 'utf8');
  const rewritten = withSysmonTest(text, dataUrl);
  if (rewritten === undefined) throw new Error(`${SEED}: its tests block is not the last key`);
  const path = join(root, SEED);
  writeFileSync(path, rewritten);
  return path;
}

interface ShrinkJson {
  passed: boolean;
  rows: number;
  before: { events: number; bytes: number };
  after: { events: number; bytes: number };
  steps: Array<{ step: string; events: number; kept: boolean }>;
  checks: number;
  truncated?: boolean;
  verified: boolean;
}

async function shrinkRow(dir: string): Promise<BenchResult> {
  const name = `quality: shrink of a ${SHRINK_FILE_MB} MB dataset`;
  const dataName = `sysmon-${SHRINK_FILE_MB}mb.xml`;
  const built = await buildSysmonBenchFile(join(dir, dataName), SHRINK_FILE_MB);
  if ('skipped' in built) return { name, value: NaN, unit: 's', skipped: built.skipped };
  const root = join(dir, 'quality-content');
  const detection = buildShrinkContent(root, `${PREFIX}${dataName}`);
  const output = join(dir, 'quality-shrunk');
  const stdout = join(dir, 'quality-shrink.json');
  const testOut = join(dir, 'quality-shrink-test.json');
  const shrinks: Child[] = [];
  const tests: Child[] = [];
  // Interleaved with the same test plainly run, for scale: what reading and searching the file costs once.
  for (let i = 0; i < RUNS; i++) {
    rmSync(output, { recursive: true, force: true });
    const run = await runCli(
      ['shrink', detection, '--content', root, '--mirror', `${PREFIX}=${dir}`, '--offline', '--output', output, '--format', 'json'],
      stdout,
    );
    if (run.code === 2 || statSync(stdout).size === 0) throw new Error(`spl-harness shrink exited ${run.code} with no result`);
    shrinks.push(run);
    tests.push(
      await runCli(
        [
          'test',
          '--content',
          root,
          '--detection',
          detection,
          '--mirror',
          `${PREFIX}=${dir}`,
          '--offline',
          '--jobs',
          '1',
          '--format',
          'json',
          '--output',
          testOut,
        ],
        `${testOut}.stdout`,
      ),
    );
  }
  const r = JSON.parse(readFileSync(stdout, 'utf8')) as ShrinkJson;
  const child = { wall: median(shrinks.map((x) => x.wall)), cpu: median(shrinks.map((x) => x.cpu)), rssMb: median(shrinks.map((x) => x.rssMb)) };
  const test = { wall: median(tests.map((x) => x.wall)), cpu: median(tests.map((x) => x.cpu)) };
  return {
    name,
    value: +child.wall.toFixed(2),
    unit: 's',
    details: {
      verdict: r.passed ? `passes with ${r.rows} rows` : `fails with ${r.rows} rows`,
      events_before: r.before.events,
      events_after: r.after.events,
      bytes_before: r.before.bytes,
      bytes_after: r.after.bytes,
      ...Object.fromEntries(r.steps.map((s) => [`after_${s.step.replace(/\W+/g, '_')}`, s.kept ? s.events : `${s.events} (skipped)`])),
      candidate_runs: r.checks,
      cpu_s: +child.cpu.toFixed(2),
      test_s: +test.wall.toFixed(2),
      test_cpu_s: +test.cpu.toFixed(2),
      shrink_vs_test: +(child.wall / test.wall).toFixed(2),
      truncated: String(Boolean(r.truncated)),
      read_back_same: String(r.verified),
      rss_mb: child.rssMb,
      runs: RUNS,
      load: +loadavg()[0].toFixed(2),
    },
  };
}
