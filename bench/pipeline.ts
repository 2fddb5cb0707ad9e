/**
 * Pipeline benchmark (issue 9, steps 3 to 6), single thread, on files of real Sysmon
 * XmlWinEventLog events built from ../shared/events (bench/ingest.ts `buildSysmonBenchFile`) and
 * kept in os.tmpdir()/spl-harness-bench/ between runs:
 *   - on the ≥ 200 MB file: the read-and-split floor, the fast-xml-parser baseline and our reader
 *     alone (bench/ingest.ts), then (3) reader + field extraction + CIM mapping and (4) the seed
 *     detection end to end as the runner runs it (raw-text pre-filter on), and again with the
 *     pre-filter off, every event extracted (bench/memory-probe.ts has the passes);
 *   - (5) peak RSS of (3) and (4) on the 500 MB file, each in a fresh child process
 *     (`process.resourceUsage().maxRSS` at exit), and of the same seed test run the way users
 *     run it, through `spl-harness test --jobs 1` (the runner, which holds a test's events);
 *   - (6) ratios of ingestion + seed search (pass 4 reads, filters, extracts what may match and
 *     searches) to the fast-xml-parser baseline (target ≥ 5× faster) and to the floor (target
 *     within 3×); the pre-filter-off figure is in the details.
 * Wall times on a shared machine also measure the neighbours: the load average is recorded with
 * every figure, and CPU time beside wall time for the in-process passes.
 */
import '../harness/engine/commands/index.js';
import { execFile } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchResult } from './types.js';
import { benchIngest, buildSysmonBenchFile } from './ingest.js';
import { ingestPass, probeEntry, seedPass, type PassResult } from './memory-probe.js';

const run = promisify(execFile);

const SIZE_MB = 200;
const BIG_MB = 500;
const RSS_TARGET_MB = 256;
const VS_GENERAL_TARGET = 5;
const VS_FLOOR_TARGET = 3;

export function benchDir(): string {
  return process.env.SPL_HARNESS_BENCH_DIR ?? join(tmpdir(), 'spl-harness-bench');
}

const load = () => +loadavg()[0].toFixed(2);

interface Timed<T> {
  value: T;
  cpuSeconds: number;
  load: number;
}

async function withCpu<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, cpuSeconds: (c.user + c.system) / 1e6, load: load() };
}

interface ProbeResult {
  step: string;
  /** null for the runner pass (the CLI does not report an event count). */
  events: number | null;
  status?: string;
  rows: number;
  seconds: number;
  maxRssMB: number;
}

/** One pass in a fresh node process; its peak RSS as the OS saw it. */
async function probe(step: 'ingest' | 'seed' | 'seed-all' | 'runner', file: string): Promise<ProbeResult> {
  const entry = probeEntry();
  if (!entry) throw new Error('the memory probe needs the built code (npm run bench)');
  const { stdout } = await run(process.execPath, [entry, step, file], { maxBuffer: 1 << 20 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ProbeResult;
}

export async function benchPipeline(): Promise<BenchResult[]> {
  const dir = benchDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sysmon-seed-${SIZE_MB}mb.xml`);
  const big = join(dir, `sysmon-seed-${BIG_MB}mb.xml`);
  const built = await buildSysmonBenchFile(file, SIZE_MB);
  if ('skipped' in built) {
    return ['pipeline: ingest+extract+CIM', 'pipeline: seed detection end to end', 'pipeline: peak RSS'].map((name) => ({
      name,
      value: NaN,
      unit: '',
      skipped: built.skipped,
    }));
  }
  const mb = statSync(file).size / 2 ** 20;
  const rows: BenchResult[] = [];

  // (a) floor, (b) fast-xml-parser, (c) our reader alone: bench/ingest.ts on the same file.
  const loadBefore = load();
  const ingestRows = await benchIngest({ file });
  for (const r of ingestRows) r.details = { ...r.details, load: loadBefore };
  rows.push(...ingestRows);
  // Wall seconds of a bench/ingest.ts row (its details name them wall_seconds, formerly seconds).
  const secondsOf = (name: string, key = 'wall_seconds') => {
    const r = ingestRows.find((x) => x.name === name);
    const s = r?.details?.[key] ?? r?.details?.seconds;
    return typeof s === 'number' && !r?.skipped ? s : NaN;
  };
  const floorSeconds = secondsOf('ingest: read+split floor');
  const generalSeconds = secondsOf('ingest: fast-xml-parser baseline');
  const floorCpu = secondsOf('ingest: read+split floor', 'cpu_seconds');
  const generalCpu = secondsOf('ingest: fast-xml-parser baseline', 'cpu_seconds');

  const throughput = (name: string, t: Timed<PassResult>, extra: Record<string, number | string> = {}): BenchResult => ({
    name,
    value: Math.round(t.value.events / t.value.seconds),
    unit: 'events/s',
    details: {
      mb_per_s: +(mb / t.value.seconds).toFixed(1),
      wall_seconds: +t.value.seconds.toFixed(2),
      cpu_seconds: +t.cpuSeconds.toFixed(2),
      events: t.value.events,
      rows: t.value.rows,
      file_mb: +mb.toFixed(1),
      time_vs_floor: +(t.value.seconds / floorSeconds).toFixed(2),
      speedup_vs_fast_xml_parser: +(generalSeconds / t.value.seconds).toFixed(2),
      load: t.load,
      ...extra,
    },
  });

  // (3) reader + field extraction + CIM mapping.
  const ingest = await withCpu(() => ingestPass(file));
  rows.push(throughput('pipeline: ingest+extract+CIM (Endpoint.Processes)', ingest));

  // (4) the seed detection end to end, as the runner runs it (raw-text pre-filter on), and with
  // every event extracted (pre-filter off): what an unselective search costs.
  const seed = await withCpu(() => seedPass(file));
  rows.push(throughput('pipeline: seed detection end to end', seed, { prefilter: seed.value.prefilter }));
  const seedAll = await withCpu(() => seedPass(file, false));
  rows.push(throughput('pipeline: seed detection, pre-filter off (every event extracted)', seedAll));

  // (6) ratios: ingestion plus the seed search (pass 4 does all of pass 3's work and the search).
  const vsGeneral = generalSeconds / seed.value.seconds;
  const vsFloor = seed.value.seconds / floorSeconds;
  rows.push({
    name: 'pipeline: ingest+seed vs fast-xml-parser',
    value: +vsGeneral.toFixed(2),
    unit: 'x faster',
    target: `>= ${VS_GENERAL_TARGET}x`,
    met: vsGeneral >= VS_GENERAL_TARGET,
    details: {
      ours_s: +seed.value.seconds.toFixed(2),
      fast_xml_parser_s: generalSeconds,
      cpu_x: +(generalCpu / seed.cpuSeconds).toFixed(2),
      ingest_only_x: +(generalSeconds / ingest.value.seconds).toFixed(2),
      prefilter_off_x: +(generalSeconds / seedAll.value.seconds).toFixed(2),
    },
  });
  rows.push({
    name: 'pipeline: ingest+seed vs read+split floor',
    value: +vsFloor.toFixed(2),
    unit: 'x floor',
    target: `<= ${VS_FLOOR_TARGET}x`,
    met: vsFloor <= VS_FLOOR_TARGET,
    details: {
      ours_s: +seed.value.seconds.toFixed(2),
      floor_s: floorSeconds,
      cpu_x: +(seed.cpuSeconds / floorCpu).toFixed(2),
      ingest_only_x: +(ingest.value.seconds / floorSeconds).toFixed(2),
      prefilter_off_x: +(seedAll.value.seconds / floorSeconds).toFixed(2),
    },
  });

  // (5) peak RSS on the 500 MB file, each pass in a fresh process.
  const bigBuilt = await buildSysmonBenchFile(big, BIG_MB);
  if ('skipped' in bigBuilt) {
    rows.push({ name: 'pipeline: peak RSS', value: NaN, unit: '', skipped: bigBuilt.skipped });
    return rows;
  }
  const bigMb = statSync(big).size / 2 ** 20;
  const label = {
    ingest: 'ingest+extract+CIM',
    seed: 'seed detection (engine, streaming)',
    'seed-all': 'seed detection, pre-filter off',
    runner: 'seed detection via spl-harness test',
  };
  for (const step of ['ingest', 'seed', 'seed-all', 'runner'] as const) {
    const name = `pipeline: peak RSS, ${label[step]} (${Math.round(bigMb)} MB file)`;
    try {
      const loadAt = load();
      const p = await probe(step, big);
      rows.push({
        name,
        value: Math.round(p.maxRssMB),
        unit: 'MB',
        target: `< ${RSS_TARGET_MB} MB`,
        met: p.maxRssMB < RSS_TARGET_MB,
        details: {
          ...(p.events ? { events: p.events, events_per_s: Math.round(p.events / p.seconds) } : { status: p.status ?? '' }),
          rows: p.rows,
          seconds: +p.seconds.toFixed(2),
          mb_per_s: +(bigMb / p.seconds).toFixed(1),
          file_mb: +bigMb.toFixed(1),
          load: loadAt,
        },
      });
    } catch (err) {
      rows.push({ name, value: NaN, unit: 'MB', skipped: (err as Error).message.split('\n')[0] });
    }
  }
  return rows;
}
