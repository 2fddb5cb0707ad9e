/**
 * The two measured passes of the pipeline benchmark (issue 9, steps 3 and 4), and a child-process
 * entry that runs one of them in a fresh process and reports its peak RSS, so that the memory
 * figure (step 5) is not polluted by whatever the benchmark runner loaded before it.
 *
 *   ingest: readDataset (XmlWinEventLog reader) → normalizeStream (add-on fields, eventtype,
 *           tag) → datamodelEvents('Endpoint.Processes'), every row consumed;
 *   seed:   the seed detection (detections/endpoint/remote_process_instantiation_via_winrm_and_winrs.yml)
 *           compiled with compileDetectionSearch against the project's content, run with
 *           runPipeline over an engine source that streams the file (no event array), so the
 *           figure is the engine's, end to end: read, extract, map, tstats, the macros after it.
 *
 * Child use (built code only): `node dist/bench/memory-probe.js ingest|seed <file>` prints one
 * JSON line `{ step, events, rows, seconds, maxRssMB }` on stdout.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineSource, Event } from '../harness/engine/types.js';
import { readDataset } from '../harness/ingest/read.js';
import { normalizeStream } from '../harness/ingest/normalize.js';
import { datamodelEvents } from '../harness/ingest/datamodel.js';
import { loadContent } from '../harness/content/load.js';
import { compileDetectionSearch } from '../harness/spl/index.js';
import { runPipeline } from '../harness/engine/run.js';
import { contentLookups } from '../harness/engine/lookup.js';

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

/** A streaming engine source over one file: each call reads the file again, nothing is buffered. */
export function streamingSource(file: string, lookups: EngineSource['lookup'], counter: { n: number }): EngineSource {
  const normalized = () => normalizeStream(counted(readDataset(file, SYSMON_META), counter));
  return {
    events: normalized,
    datamodel: (dataset) => datamodelEvents(dataset, normalized()),
    lookup: lookups,
    now: Math.floor(Date.now() / 1000),
  };
}

/** Step 4: the seed detection end to end over the file (compile included; content loading not). */
export async function seedPass(file: string): Promise<PassResult & { compileErrors: number }> {
  const root = projectRoot();
  const content = loadContent(root);
  const detection = content.detections.find((d) => d.file.relPath === SEED_DETECTION);
  if (!detection) throw new Error(`seed detection ${SEED_DETECTION} not found under ${root}`);
  const t0 = process.hrtime.bigint();
  const compiled = compileDetectionSearch(detection.search, content);
  if (compiled.errors.length) throw new Error(`seed detection does not compile: ${compiled.errors[0].message}`);
  const counter = { n: 0 };
  const lookups = contentLookups(content);
  let rows = 0;
  for await (const row of runPipeline(compiled.pipeline, streamingSource(file, lookups, counter))) if (row) rows++;
  return { events: counter.n, rows, seconds: Number(process.hrtime.bigint() - t0) / 1e9, compileErrors: compiled.errors.length };
}

/** This module's built file, for spawning it as a child, or undefined when running from sources. */
export function probeEntry(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.js') ? here : undefined;
}

async function main(step: string, file: string): Promise<void> {
  const pass = step === 'ingest' ? await ingestPass(file) : step === 'seed' ? await seedPass(file) : undefined;
  if (!pass) throw new Error(`unknown step '${step}' (ingest | seed)`);
  // maxRSS is in kilobytes; read at the very end, after the whole pass.
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ step, events: pass.events, rows: pass.rows, seconds: pass.seconds, maxRssMB }) + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [step, file] = process.argv.slice(2);
  main(step, file).catch((err) => {
    process.stderr.write(`memory-probe: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = 1;
  });
}
