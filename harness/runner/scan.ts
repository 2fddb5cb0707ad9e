/**
 * The shared scan: the tests that read the same files read them once, together. Each event is
 * read and normalised once, each data-model view of it built once, and handed to the searches that
 * may match it:
 *
 * - the raw-text requirement of each search (prefilter.ts), all checked together (need-index.ts),
 *   decides which searches look at the event at all;
 * - the filter of each place a search reads (engine/reads.ts: the leading `search`, a tstats
 *   `where`) decides which rows reach it. Each read applies its filter again, so a search given
 *   fewer rows that all pass it sees the same rows it would have found itself.
 *
 * Splunk hands a search its events newest first. A search whose rows cannot depend on that order
 * (engine/order.ts) and reads in one place runs while the file is read, fed through a channel with
 * back-pressure (channel.ts): it holds no events, only its own state (a `stats` table). Any other
 * search keeps the rows that reach it, which its filters make few, and runs after the scan over
 * them sorted newest first (ties in file order, as a test reading alone would see them). When what
 * those searches keep grows past a budget, the largest is dropped and runs by itself afterwards,
 * as does any test the scan cannot describe: the scan is never worse than the tests alone.
 *
 * Verdicts, reasons and explanations are the ones each test would have reached alone (the
 * explanation of a miss reads the test's files again, as it would have).
 */
import type { Content } from '../content/types.js';
import type { EngineSource, Event } from '../engine/types.js';
import { sourceReads, type SourceRead } from '../engine/reads.js';
import { dependsOnEventOrder } from '../engine/order.js';
import { fromArray } from '../engine/commands/lib/stream.js';
import { readDataset } from '../ingest/read.js';
import { normalizeFresh } from '../ingest/normalize.js';
import { datamodelEvent, datasetLineage } from '../ingest/datamodel.js';
import type { TestResult } from '../report/types.js';
import type { PlannedTest } from './plan.js';
import { prefilterOf, readsEventsElsewhere } from './prefilter.js';
import { NeedIndex } from './need-index.js';
import { Channel } from './channel.js';
import { contentSource } from './source.js';
import {
  executeTest,
  judgeTest,
  runnableSearch,
  searchPass,
  settle,
  settleError,
  STREAM_THRESHOLD_BYTES,
  testSource,
  type PreparedTest,
  type RunOptions,
  type RunnableSearch,
  type SearchPass,
} from './run.js';

export interface ScanMember {
  test: PlannedTest;
  prepared: PreparedTest;
}

/** Raw bytes of rows the held searches of one scan may keep together (about three times that in heap). */
export const SCAN_HOLD_BYTES = 64 * 2 ** 20;

/** What the scans of this thread did so far (for tests and benchmarks): scans made, tests they served, tests that ran alone after all. */
export const scanCounts = { scans: 0, served: 0, alone: 0 };

/** Events pushed between two waits for the running searches to take them (the channels' bound). */
const BATCH = 256;

/** Whether a test may join a shared scan: its data is files alone and it asks for no pass of its own. */
export function scannable(test: PlannedTest, prepared: PreparedTest, opts: RunOptions): boolean {
  return prepared.files.length > 0 && !(test.sidecar?.events?.length ?? 0) && !opts.noGroup && !opts.coverage && !opts.mutate;
}

/** Which files a test reads, as far as reading goes: tests with the same key can share a scan. */
export function scanKey(prepared: PreparedTest): string {
  return JSON.stringify(prepared.files.map((f) => [f.path, f.meta.source, f.meta.sourcetype, f.meta.host ?? '', f.meta.index ?? '']));
}

/** One place a test's search reads, with every filter it reads that place with. */
interface Target {
  dataset?: string;
  accept: (row: Event) => boolean;
}

interface Member extends ScanMember {
  index: number;
  search: RunnableSearch;
  targets: Target[];
  /** Runs while the file is read (order-free, one read). */
  channel?: Channel;
  pass?: Promise<SearchPass>;
  /** Rows kept for a search that runs after the scan, by target, with their event's time and place. */
  held?: Array<{ rows: Event[]; times: number[]; seqs: number[] }>;
  heldBytes: number;
  /** Dropped from the scan: runs alone afterwards. */
  alone: boolean;
}

/**
 * Runs the tests of one set of files (same `scanKey`) with one read. `onResult` hears each result
 * as it is settled; every member gets exactly one.
 */
export async function runScan(
  content: Content,
  members: ScanMember[],
  opts: RunOptions,
  onResult: (index: number, result: TestResult) => void,
  holdBytes = SCAN_HOLD_BYTES,
): Promise<void> {
  const files = members[0].prepared.files;
  const scanned: Member[] = [];
  const alone: number[] = [];
  members.forEach((m, index) => {
    const t = performance.now();
    let search;
    try {
      search = runnableSearch(content, m.test, m.prepared, opts);
    } catch (err) {
      return onResult(index, settleError(content, m.prepared.result, err));
    }
    if ('errors' in search) return onResult(index, settle(m.prepared.result, 'error', search.errors));
    m.prepared.result.timings.compile = (m.prepared.result.timings.compile ?? 0) + Math.round(performance.now() - t);
    const targets = targetsOf(search);
    if (!targets) return alone.push(index);
    const pipeline = search.full.pipeline;
    const streams = targets.length === 1 && !dependsOnEventOrder(pipeline, readsEventsElsewhere(pipeline));
    scanned.push({
      ...m,
      index,
      search,
      targets,
      heldBytes: 0,
      alone: false,
      ...(streams ? { channel: new Channel() } : { held: targets.map(() => ({ rows: [], times: [], seqs: [] })) }),
    });
  });

  const t0 = performance.now();
  let now = 0;
  try {
    if (scanned.some((m) => m.channel)) now = nowAfter(await newestTime(files));
    for (const m of scanned) if (m.channel) startStream(content, m, now);
    const newest = await scanFiles(files, scanned, holdBytes);
    if (!now) now = nowAfter(newest);
  } catch {
    // The files cannot be read: each test reads them alone, and says why in its own words.
    for (const m of scanned) m.channel?.close();
    await Promise.allSettled(scanned.map((m) => m.pass));
    for (const m of scanned) m.alone = true;
  }
  const scanMs = performance.now() - t0;
  scanCounts.scans++;
  const share = Math.round(scanMs / Math.max(1, scanned.filter((m) => !m.alone).length));

  for (const m of scanned) {
    if (m.alone) {
      alone.push(m.index);
      continue;
    }
    scanCounts.served++;
    const result = m.prepared.result;
    result.timings.read = share;
    try {
      const t = performance.now();
      const source = m.channel ? undefined : heldSource(content, m, now);
      const pass = m.pass ? await m.pass : await searchPass(m.search, source!);
      result.timings.search = Math.round(performance.now() - t);
      // A later pass (the explanation of a miss) reads the files again, as the test alone would have.
      const later = needsLaterPass(m, pass, opts) ? await ownSource(content, m, opts) : (source ?? emptySource(content, now));
      onResult(m.index, await judgeTest(content, m.test, m.prepared, opts, m.search, pass, later));
    } catch (err) {
      onResult(m.index, settleError(content, result, err));
    }
  }
  scanCounts.alone += alone.length;
  for (const index of alone.sort((a, b) => a - b)) onResult(index, await executeTest(content, members[index].test, members[index].prepared, opts));
}

/** The places the search reads, each with the union of the filters it reads it with; undefined when unknown. */
function targetsOf(search: RunnableSearch): Target[] | undefined {
  const reads = sourceReads(search.full.pipeline);
  if (!reads || reads.length === 0) return undefined;
  const byPlace = new Map<string, SourceRead[]>();
  for (const r of reads) {
    // A dataset the engine does not know: the test alone reports it unsupported.
    if (r.dataset !== undefined && !datasetLineage(r.dataset)) return undefined;
    const key = r.dataset ?? '';
    byPlace.set(key, [...(byPlace.get(key) ?? []), r]);
  }
  return [...byPlace].map(([key, list]) => ({
    dataset: key === '' ? undefined : key,
    accept: list.some((r) => !r.filter) ? () => true : (row) => list.some((r) => r.filter!(row)),
  }));
}

/** Starts an order-free search over its channel; it runs as the scan pushes rows into it. */
function startStream(content: Content, m: Member, now: number): void {
  const channel = m.channel!;
  let started = false;
  const read = (): AsyncIterable<Event> => {
    if (started) throw new Error('internal: the shared scan feeds a search one read, and it asked for a second');
    started = true;
    return channel.events();
  };
  const target = m.targets[0];
  const source = contentSource(content, () => (target.dataset === undefined ? read() : unread('the events')), { now });
  source.datamodel = (name) => (name === target.dataset ? read() : unread(name));
  m.pass = searchPass(m.search, source);
  // Settled one way or the other, the search takes no more rows.
  m.pass.then(
    () => channel.close(),
    () => channel.close(),
  );
}

function unread(what: string): never {
  throw new Error(`internal: the shared scan did not read ${what} for this search`);
}

/**
 * Reads the files once in file order and hands each event (or its data-model row) to the members
 * that may match it. Returns the newest event time seen (skipped events included).
 */
async function scanFiles(files: PreparedTest['files'], members: Member[], holdBytes: number): Promise<number> {
  let newest = 0;
  let seq = 0;
  let sinceWait = 0;
  let heldTotal = 0;
  const channels = members.filter((m) => m.channel).map((m) => m.channel!);
  const accepted = new Uint8Array(members.length);
  const everyone = new Uint8Array(members.length).fill(1);
  for (const [i, file] of files.entries()) {
    const index = new NeedIndex();
    for (const m of members) index.add(m.search.own[i]);
    // The reader asks about an event's raw text right before it yields that event (or yields it
    // anyway: an XML character reference may hide a value from the raw text).
    let asked: string | undefined;
    let any = false;
    const keep = (raw: string) => {
      index.accepting(raw, accepted);
      asked = raw;
      any = accepted.includes(1);
      return any;
    };
    const skipped = (time: number) => {
      if (Number.isFinite(time) && time > newest) newest = time;
    };
    for await (const event of normalizeFresh(readDataset(file.path, file.meta, { prefilter: { keep, skipped } }))) {
      const time = eventTime(event);
      if (time > newest) newest = time;
      const wanted = any && event._raw === asked ? accepted : everyone;
      seq++;
      const rows = new Map<string, Event | undefined>();
      const rowOf = (dataset: string | undefined): Event | undefined => {
        if (dataset === undefined) return event;
        if (!rows.has(dataset)) rows.set(dataset, datamodelEvent(dataset, event));
        return rows.get(dataset);
      };
      for (let k = 0; k < members.length; k++) {
        const m = members[k];
        if (!wanted[k] || m.alone) continue;
        for (const [j, target] of m.targets.entries()) {
          const row = rowOf(target.dataset);
          if (!row || !target.accept(row)) continue;
          if (m.channel) {
            m.channel.push(row);
            continue;
          }
          const held = m.held![j];
          held.rows.push(row);
          held.times.push(time);
          held.seqs.push(seq);
          const bytes = rowBytes(event);
          m.heldBytes += bytes;
          heldTotal += bytes;
        }
      }
      if (heldTotal > holdBytes) heldTotal = dropLargest(members, heldTotal, holdBytes);
      if (channels.length && ++sinceWait >= BATCH) {
        sinceWait = 0;
        await Promise.all(channels.map((c) => c.drained()));
      }
    }
  }
  for (const c of channels) c.end();
  return newest;
}

/** Drops the members holding the most until the rest fit; returns what the rest hold. */
function dropLargest(members: Member[], total: number, holdBytes: number): number {
  const held = members.filter((m) => m.held && !m.alone).sort((a, b) => b.heldBytes - a.heldBytes);
  for (const m of held) {
    if (total <= holdBytes) break;
    total -= m.heldBytes;
    m.alone = true;
    m.held = undefined;
    m.heldBytes = 0;
  }
  return total;
}

/** What a held row costs, counted by its event's raw text (a data-model row shares the event's values). */
function rowBytes(event: Event): number {
  return typeof event._raw === 'string' ? event._raw.length : 256;
}

/** The rows a held member kept, newest first and ties in file order, as its search reads them. */
function heldSource(content: Content, m: Member, now: number): EngineSource {
  const sorted = m.targets.map((target, j) => {
    const { rows, times, seqs } = m.held![j];
    const order = rows.map((_, k) => k).sort((a, b) => times[b] - times[a] || seqs[a] - seqs[b]);
    return { dataset: target.dataset, rows: order.map((k) => rows[k]) };
  });
  m.held = undefined;
  const find = (dataset: string | undefined) => sorted.find((s) => s.dataset === dataset);
  const source = contentSource(content, () => fromArray(find(undefined)?.rows ?? unread('the events')), { now });
  source.datamodel = (name) => fromArray(find(name)?.rows ?? unread(name));
  return source;
}

/** Whether judging will read the test's events again: the explanation of a miss does. */
function needsLaterPass(m: Member, pass: SearchPass, opts: RunOptions): boolean {
  return m.test.expect !== 'negative' && pass.rows.length === 0 && !opts.noExplain && !(pass.base && pass.base.length > 0);
}

/** The source the test would have read alone, for the passes after the search. */
function ownSource(content: Content, m: Member, opts: RunOptions): Promise<EngineSource> {
  const pipeline = m.search.full.pipeline;
  const streamed = m.prepared.bytes > STREAM_THRESHOLD_BYTES;
  const keeps = m.search.own.map((need) => (opts.noPrefilter ? undefined : prefilterOf(need)?.keep));
  return testSource(content, m.test, m.prepared, keeps, { streamed, ordered: dependsOnEventOrder(pipeline, readsEventsElsewhere(pipeline)) });
}

/** A source with no events: judging a search that needs no later pass reads nothing from it but `now`. */
function emptySource(content: Content, now: number): EngineSource {
  return contentSource(content, () => fromArray([]), { now });
}

/** The newest event time in the files: every event skipped unread, only its time taken. */
async function newestTime(files: PreparedTest['files']): Promise<number> {
  let newest = 0;
  const seen = (time: number) => {
    if (Number.isFinite(time) && time > newest) newest = time;
  };
  // An event the reader yields anyway (one it cannot judge by its raw text) counts by its own time.
  for (const f of files) for await (const e of readDataset(f.path, f.meta, { prefilter: { keep: () => false, skipped: seen } })) seen(eventTime(e));
  return newest;
}

function eventTime(e: Event): number {
  const t = Number(e._time);
  return Number.isFinite(t) ? t : 0;
}

function nowAfter(newest: number): number {
  return newest > 0 ? Math.floor(newest) + 1 : Math.floor(Date.now() / 1000);
}
