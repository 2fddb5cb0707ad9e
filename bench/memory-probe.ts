/**
 * The two measured passes of the pipeline benchmark (issue 9, steps 3 and 4), and a child-process
 * entry that runs one of them in a fresh process and reports its peak RSS, so that the memory
 * figure (step 5) is not polluted by whatever the benchmark runner loaded before it.
 *
 *   ingest: readDataset (XmlWinEventLog reader) → normalizeStream (add-on fields, eventtype,
 *           tag) → datamodelEvents('Endpoint.Processes'), every row consumed;
 *   seed:   the seed detection (detections/endpoint/remote_process_instantiation_via_winrm_and_winrs.yml)
 *           compiled with compileDetectionSearch against the project's content, run with
 *           runPipeline over the runner's streaming source (no event array) with the runner's
 *           raw-text pre-filter, so the figure is the product's, end to end: read, pre-filter,
 *           extract, map, tstats, the macros after it;
 *   seed-all: the same with the pre-filter off: every event extracted and mapped.
 *
 *   runner: `spl-harness test --jobs 1` (the CLI's own entry, in process) on a content tree whose
 *           only detection is the seed, its test pointed at the file: what a user of the harness
 *           pays, including the runner's buffering of the test's events and its no-hit explanation.
 *
 * Child use (built code only): `node dist/bench/memory-probe.js ingest|seed|seed-all|runner <file>` prints
 * one JSON line `{ step, events, rows, seconds, maxRssMB }` on stdout.
 */
import '../harness/engine/commands/index.js';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Event } from '../harness/engine/types.js';
import { readDataset } from '../harness/ingest/read.js';
import { normalizeStream } from '../harness/ingest/normalize.js';
import { datamodelEvents } from '../harness/ingest/datamodel.js';
import { loadContent } from '../harness/content/load.js';
import { compileDetectionSearch } from '../harness/spl/index.js';
import { runPipeline } from '../harness/engine/run.js';
import { streamingSource } from '../harness/runner/run.js';
import { rawPrefilter } from '../harness/runner/prefilter.js';
import { sysmonTestsBlock } from './detection-tests.js';

export const SYSMON_META = { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog' };
export const SEED_DETECTION = 'detections/endpoint/remote_process_instantiation_via_winrm_and_winrs.yml';
export const SEED_DATASET = 'Endpoint.Processes';

export interface PassResult {
  /** Events read from the file. */
  events: number;
  /** Rows out of the pass (data model rows for ingest, search results for seed). */
  rows: number;
  seconds: number;
}

/**
 * The project root: the directory of the spl-harness package.json found upward from this module
 * (symlinks resolved, so a build placed elsewhere with a linked package.json still finds it).
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'spl-harness') return dirname(realpathSync(pkg));
      } catch {
        // not ours: keep looking
      }
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

/** Counts the events flowing through (one extra async generator layer; its cost is measured in docs/BENCHMARKS.md). */
function counted(events: AsyncIterable<Event>, counter: { n: number }): AsyncIterable<Event> {
  return (async function* () {
    for await (const e of events) {
      counter.n++;
      yield e;
    }
  })();
}

/** Step 3: reader + field extraction + CIM mapping over the file; every row consumed. */
export async function ingestPass(file: string): Promise<PassResult> {
  const t0 = process.hrtime.bigint();
  const counter = { n: 0 };
  const rows = datamodelEvents(SEED_DATASET, normalizeStream(counted(readDataset(file, SYSMON_META), counter)));
  if (!rows) throw new Error(`data model dataset ${SEED_DATASET} is not supported`);
  let n = 0;
  for await (const row of rows) if (row) n++;
  return { events: counter.n, rows: n, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/**
 * Step 4: the seed detection end to end over the file (compile included; content loading not),
 * through the runner's own streaming source (a first pass for the newest event time only when the
 * search reads "now", which the seed does not), then the search, with the raw-text pre-filter the runner applies (runner/prefilter.ts) unless
 * `prefilter` is false, which extracts every event as before the pre-filter existed.
 */
export async function seedPass(file: string, prefilter = true): Promise<PassResult & { compileErrors: number; prefilter: string }> {
  const root = projectRoot();
  const content = loadContent(root);
  const detection = content.detections.find((d) => d.file.relPath === SEED_DETECTION);
  if (!detection) throw new Error(`seed detection ${SEED_DETECTION} not found under ${root}`);
  const t0 = process.hrtime.bigint();
  const compiled = compileDetectionSearch(detection.search, content);
  if (compiled.errors.length) throw new Error(`seed detection does not compile: ${compiled.errors[0].message}`);
  const filter = prefilter ? rawPrefilter(compiled.pipeline, SYSMON_META) : undefined;
  // Every event of the search pass goes through `keep` once: it counts them.
  let events = 0;
  const keep = (raw: string) => {
    events++;
    return filter ? filter.keep(raw) : true;
  };
  const source = await streamingSource(content, [{ path: file, meta: SYSMON_META, keep }]);
  let rows = 0;
  for await (const row of runPipeline(compiled.pipeline, source)) if (row) rows++;
  return { events, rows, seconds: Number(process.hrtime.bigint() - t0) / 1e9, compileErrors: compiled.errors.length, prefilter: filter?.describe ?? 'none' };
}

/** This module's built file, for spawning it as a child, or undefined when running from sources. */
export function probeEntry(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.js') ? here : undefined;
}

const BENCH_PREFIX = 'https://bench.spl-harness.invalid/';

/**
 * A content tree in os.tmpdir() with the project's macros and lookups (symlinked) and the seed
 * detection, its `tests:` block replaced by one test over `file`.
 */
export function seedContentFor(file: string): string {
  const root = join(process.env.SPL_HARNESS_BENCH_DIR ?? join(tmpdir(), 'spl-harness-bench'), 'runner-content');
  const project = projectRoot();
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'detections', 'endpoint'), { recursive: true });
  for (const entry of readdirSync(project)) {
    if (['macros', 'lookups', 'data_sources', 'stories'].includes(entry)) symlinkSync(join(project, entry), join(root, entry));
  }
  const text = readFileSync(join(project, SEED_DETECTION), 'utf8');
  const at = text.search(/^tests:\s*$/m);
  const tests = sysmonTestsBlock(`${BENCH_PREFIX}${basename(file)}`);
  writeFileSync(join(root, SEED_DETECTION), (at < 0 ? text + '\n' : text.slice(0, at)) + tests);
  return root;
}

/** The runner pass: the CLI's `test` command in this process, one job. */
export async function runnerPass(file: string): Promise<PassResult & { status: string }> {
  const { main } = await import('../harness/cli/main.js');
  const root = seedContentFor(file);
  const out = join(dirname(root), 'runner-report.json');
  const t0 = process.hrtime.bigint();
  const code = await main([
    'test',
    '--content',
    root,
    '--mirror',
    `${BENCH_PREFIX}=${dirname(file)}`,
    '--cache-dir',
    join(dirname(root), 'dataset-cache'),
    '--jobs',
    '1',
    '--format',
    'json',
    '--output',
    out,
  ]);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (code === 2) throw new Error('spl-harness test could not run');
  const report = JSON.parse(readFileSync(out, 'utf8')) as { results: Array<{ status: string; rows: number }> };
  const r = report.results.find(() => true);
  return { events: NaN, rows: r?.rows ?? 0, seconds, status: r?.status ?? 'none' };
}

async function main(step: string, file: string): Promise<void> {
  const pass =
    step === 'ingest'
      ? await ingestPass(file)
      : step === 'seed'
        ? await seedPass(file)
        : step === 'seed-all'
          ? await seedPass(file, false)
          : step === 'runner'
            ? await runnerPass(file)
            : undefined;
  if (!pass) throw new Error(`unknown step '${step}' (ingest | seed | seed-all | runner)`);
  // maxRSS is in kilobytes; read at the very end, after the whole pass.
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ step, ...pass, maxRssMB }) + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [step, file] = process.argv.slice(2);
  main(step, file).catch((err) => {
    process.stderr.write(`memory-probe: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = 1;
  });
}
