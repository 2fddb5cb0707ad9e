/**
 * XmlWinEventLog ingestion benchmark (issue 9, steps 3 and 6): on one file of real Sysmon
 * events, single-threaded,
 *   (a) the floor: read the file and split it into events, no parsing;
 *   (b) the general-purpose baseline: split, then parse every event with fast-xml-parser;
 *   (c) our reader (readXmlWinEventLog): split and extract every field.
 * Reported in events/s and MB/s, with (c)'s time as ratios to (a) and (b), and the peak RSS
 * sampled during (c). The lead's pipeline benchmark adds CIM mapping and the seed search on top.
 *
 * `buildSysmonBenchFile(target, sizeMB)` makes the input: the Sysmon-channel events of
 * ../shared/events/evtx_xml, plus the events of the seed detection's own fixture (so that the
 * seed search finds its activity among them, about 1 event in 60, and produces rows), repeated
 * (one per line, as Splunk would index them) until the file reaches the size.
 */
import { createWriteStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { XMLParser } from 'fast-xml-parser';
import type { BenchResult } from './types.js';
import { byteChunks, splitAtMarker, splitAtMarkerBatches } from '../harness/ingest/lines.js';
import { readXmlWinEventLog } from '../harness/ingest/readers/xmlwineventlog.js';
import { sharedRoot as sharedDir } from './shared.js';
import { projectRoot } from './memory-probe.js';

const SYSMON_CHANNEL = '<Channel>Microsoft-Windows-Sysmon/Operational</Channel>';
/** The seed detection's fixture (Sysmon XmlWinEventLog, winrs.exe lateral movement among background events). */
const SEED_FIXTURE = join(projectRoot(), 'test/fixtures/attack_data/datasets/attack_techniques/T1021.006/lateral_movement/windows-sysmon.log');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (name.endsWith('.xml')) out.push(path);
  }
  return out;
}

/**
 * Write at least `sizeMB` MB of real Sysmon XmlWinEventLog events to `target` (kept when it
 * already exists at that size). Returns the number of distinct source events, or a skip reason.
 */
export async function buildSysmonBenchFile(target: string, sizeMB: number): Promise<{ events: number; bytes: number } | { skipped: string }> {
  const evtx = join(sharedDir(), 'events', 'evtx_xml');
  if (!existsSync(evtx)) return { skipped: `../shared/events/evtx_xml not found (set SPL_HARNESS_SHARED)` };
  const want = sizeMB * 1024 * 1024;
  const sources: string[] = [];
  for (const file of walk(evtx)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes(SYSMON_CHANNEL)) continue;
    for await (const r of splitAtMarker(gen(text), '<Event', ' >')) if (r.text.includes(SYSMON_CHANNEL)) sources.push(r.text);
  }
  if (sources.length === 0) return { skipped: 'no Sysmon events in ../shared/events/evtx_xml' };
  for await (const r of splitAtMarker(byteChunks(SEED_FIXTURE), '<Event', ' >')) if (r.text.includes(SYSMON_CHANNEL)) sources.push(r.text);
  if (existsSync(target) && statSync(target).size >= want) return { events: sources.length, bytes: statSync(target).size };
  const out = createWriteStream(target);
  let bytes = 0;
  while (bytes < want) {
    // Batches keep the write calls few; the drain wait keeps memory flat.
    const batch = sources.join('\n') + '\n';
    bytes += Buffer.byteLength(batch);
    if (!out.write(batch)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { events: sources.length, bytes };
}

async function* gen(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text, 'utf8');
}

interface Pass {
  events: number;
  seconds: number;
  /** CPU seconds of this process (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakRssMB: number;
}

/** Time one pass over the file; RSS sampled every 50 ms. */
async function timed(run: () => Promise<number>): Promise<Pass> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  try {
    const events = await run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { events, seconds, cpuSeconds: (used.user + used.system) / 1e6, peakRssMB: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

/** (a) read and split only (records decoded to strings, nothing parsed). */
async function splitOnly(file: string): Promise<number> {
  let n = 0;
  for await (const batch of splitAtMarkerBatches(byteChunks(file), '<Event', ' >\t\r\n')) for (const r of batch) if (r.text.length > 0) n++;
  return n;
}

/**
 * (a') read and split, delivered one event at a time through an async iterator: what any reader
 * honouring the `AsyncIterable<Event>` contract pays before it parses anything.
 */
async function splitStream(file: string): Promise<number> {
  let n = 0;
  for await (const r of splitAtMarker(byteChunks(file), '<Event', ' >\t\r\n')) if (r.text.length > 0) n++;
  return n;
}

/** (b) split, then fast-xml-parser on every event (attributes kept, as a fair field extractor needs). */
async function fastXmlParser(file: string): Promise<number> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, parseTagValue: false });
  let n = 0;
  for await (const batch of splitAtMarkerBatches(byteChunks(file), '<Event', ' >\t\r\n')) {
    for (const r of batch) {
      const doc = parser.parse(r.text) as { Event?: unknown };
      if (doc.Event) n++;
    }
  }
  return n;
}

/** (c) our reader. */
async function ourReader(file: string): Promise<number> {
  let n = 0;
  for await (const e of readXmlWinEventLog(file, { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog' })) {
    if (e._raw !== undefined) n++;
  }
  return n;
}

export async function benchIngest(opts: { file: string; runs?: number }): Promise<BenchResult[]> {
  if (!existsSync(opts.file)) {
    return [{ name: 'ingest: xml reader', value: NaN, unit: '', skipped: `bench file ${opts.file} not found (buildSysmonBenchFile makes it)` }];
  }
  const mb = statSync(opts.file).size / 2 ** 20;
  // Warm up the JIT and the page cache on a first split pass, then measure.
  await splitOnly(opts.file);
  // Best of `runs` passes each (the machine is shared; the best pass is the least disturbed).
  const runs = opts.runs ?? 2;
  const best = async (run: () => Promise<number>): Promise<Pass> => {
    let pick: Pass | undefined;
    for (let i = 0; i < runs; i++) {
      const p = await timed(run);
      if (!pick || p.cpuSeconds < pick.cpuSeconds) pick = { ...p, peakRssMB: Math.max(p.peakRssMB, pick?.peakRssMB ?? 0) };
    }
    return pick!;
  };
  const floor = await best(() => splitOnly(opts.file));
  const streamFloor = await best(() => splitStream(opts.file));
  const general = await best(() => fastXmlParser(opts.file));
  const ours = await best(() => ourReader(opts.file));
  const row = (name: string, p: Pass, extra: Record<string, number | string> = {}): BenchResult => ({
    name,
    value: Math.round(p.events / p.cpuSeconds),
    unit: 'events/s',
    details: {
      mb_per_s: +(mb / p.cpuSeconds).toFixed(1),
      cpu_seconds: +p.cpuSeconds.toFixed(2),
      wall_seconds: +p.seconds.toFixed(2),
      events: p.events,
      file_mb: +mb.toFixed(1),
      peak_rss_mb: Math.round(p.peakRssMB),
      ...extra,
    },
  });
  // Rates and ratios use CPU time: on a shared machine wall time measures the neighbours.
  const vsFloor = ours.cpuSeconds / floor.cpuSeconds;
  const vsStreamFloor = ours.cpuSeconds / streamFloor.cpuSeconds;
  const vsGeneral = general.cpuSeconds / ours.cpuSeconds;
  return [
    row('ingest: read+split floor', floor),
    row('ingest: read+split as event stream', streamFloor),
    row('ingest: fast-xml-parser baseline', general),
    row('ingest: xml reader', ours, {
      time_vs_floor: +vsFloor.toFixed(2),
      time_vs_stream_floor: +vsStreamFloor.toFixed(2),
      speedup_vs_fast_xml_parser: +vsGeneral.toFixed(2),
    }),
  ];
}
