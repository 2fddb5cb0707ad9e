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
 * them sorted newest first (ties in file order, as a test reading alone would see them). A scan
 * runs in rounds: when what its searches keep, or this thread's heap, grows past its bound, the
 * searches keeping or fed most leave the round and join the next one. A test the scan cannot
 * describe runs by itself afterwards.
 *
 * Verdicts, reasons and explanations are the ones each test would have reached alone (the
 * explanation of a miss reads the test's files again, as it would have).
 */
import { getHeapStatistics } from 'node:v8';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import type { Content } from '../content/types.js';
import type { EngineSource, Event } from '../engine/types.js';
import { readingSubsearches, sourceReads, type SourceRead } from '../engine/reads.js';
import { runPipeline, runPipelineFrom } from '../engine/run.js';
import { pushedPipeline, type PushedPipeline } from '../engine/push.js';
import type { Command, Pipeline } from '../spl/ast.js';
import { renderPipeline } from '../spl/render.js';
import { dependsOnEventOrder } from '../engine/order.js';
import { collect, fromArray } from '../engine/commands/lib/stream.js';
import { readDataset } from '../ingest/read.js';
import { fieldDemand, normalizeFresh, readerFields } from '../ingest/normalize.js';
import { datasetLineage, datasetProjection } from '../ingest/datamodel.js';
import type { TestResult } from '../report/types.js';
import type { PlannedTest } from './plan.js';
import { readerNeed, readsEventsElsewhere, unionNeed, type RawNeed } from './prefilter.js';
import { NeedIndex } from './need-index.js';
import { joinNarrowing, joinValues, narrowable, narrowedMain, type JoinNarrowing } from './join-narrowing.js';
import { fileKey } from './groups.js';
import { Channel } from './channel.js';
import { contentSource, eventTime, newestTime, nowAfter } from './source.js';
import {
  aloneSource,
  executeTest,
  filterPass,
  judgeTest,
  runnableSearch,
  searchPass,
  settle,
  settleError,
  type PreparedTest,
  type RunOptions,
  type RunnableSearch,
  type SearchPass,
} from './run.js';

export interface ScanMember {
  test: PlannedTest;
  prepared: PreparedTest;
}

/**
 * What one round of a scan may grow to. Past either bound, the search keeping (or fed) most is
 * dropped from the round and joins the next one, which reads the files again for the dropped.
 */
export interface ScanLimits {
  /** Raw bytes of the rows held searches keep, each row counted once (about three times that in heap). */
  holdBytes: number;
  /** Growth of this thread's heap during the round: the state of the streamed searches (their `stats` tables). */
  heapBytes: number;
  /** Events read between two waits for the streamed searches to take them (the channels' bound), and between two hand-overs to the pushed ones. */
  batch: number;
}

export const SCAN_LIMITS: ScanLimits = { holdBytes: 64 * 2 ** 20, heapBytes: 160 * 2 ** 20, batch: 256 };

/** Batches between two drops for the heap: the heap shows a drop only after the collector has run. */
const DROP_SPACING = 16;

/**
 * What the scans of this thread did so far (for tests and benchmarks): scans made; tests they
 * served, streamed (of which staged: with subsearches run while the file was read) or held; tests
 * that ran alone after all; file reads that extracted only what their searches read; first passes
 * over the files for "now".
 */
export const scanCounts = { scans: 0, served: 0, streamed: 0, staged: 0, held: 0, alone: 0, pruned: 0, nowPasses: 0, skipped: 0, narrowed: 0 };

/** Whether a test may join a shared scan: its data is files alone and it asks for no pass of its own. */
export function scannable(test: PlannedTest, prepared: PreparedTest, opts: RunOptions): boolean {
  return prepared.files.length > 0 && !(test.sidecar?.events?.length ?? 0) && !opts.noGroup && !opts.coverage && !opts.mutate;
}

/** Which files a test reads, as far as reading goes: tests with the same key can share a scan. */
export function scanKey(prepared: PreparedTest): string {
  return JSON.stringify(prepared.files.map(fileKey));
}

/** One place rows are read from (the events, or a data-model dataset), and the rows that may matter there. */
interface Target {
  dataset?: string;
  accept: (row: Event) => boolean;
  /** The fields of the rows the place's readers read (engine/reads.ts); absent: any. */
  fields?: ReadonlySet<string>;
}

/**
 * A pipeline that runs while the file is read: fed row by row when it begins with an aggregation
 * that takes them so (engine/push.ts), else through its channel; its rows, once it ends.
 */
interface Stream extends Target {
  pipeline: Pipeline;
  channel: Channel;
  push?: PushedPipeline;
  /** Rows for `push` since the last batch. */
  pending?: Event[];
  rows?: Promise<Event[]>;
}

/** Rows kept at one target for a search that runs after the scan, with their event's time and place in the files. */
interface Held extends Target {
  rows: Event[];
  times: number[];
  seqs: number[];
  bytes: number[];
}

interface Member extends ScanMember {
  index: number;
  search: RunnableSearch;
  /** What the search pass runs over the source: the search without its filter macro when it has one. */
  run: Pipeline;
  /**
   * Streamed: `streams[0]` is `run` itself, or with `cut` its commands before `cut` (up to an
   * order-free aggregation), the others the subsearches that read after it; the rest of `run`
   * runs after the scan over the first stream's rows, the subsearches' results given.
   */
  streams?: Stream[];
  cut?: number;
  /** Held: the rows of each place the search reads, for it to run over after the scan. */
  held?: Held[];
  /** Held: the search's reading commands, each a leading `search` or a tstats (engine/reads.ts). */
  readers?: Command[];
  /** Dropped from this round of the scan (what it keeps outgrew the budget): joins the next round. */
  deferred: boolean;
  /** Rows pushed into its streams so far in this round: what its state may have grown with. */
  pushed: number;
  /** When it was dropped (a count of drops in this thread). */
  droppedAt?: number;
  /** What an event's raw text must hold for each file, for this search to read it (`readsNeed`). */
  needs?: RawNeed[];
  /**
   * A join whose main search waits for its subsearch's values to be read narrowed
   * (join-narrowing.ts): until `subRows` are read, only its subsearches are (`waits`).
   */
  narrowing?: JoinNarrowing;
  /** The subsearches' rows, read in an earlier round. */
  subRows?: Map<Pipeline, Event[]>;
  /** The main search's rows when known without reading (none: the subsearch found no value). */
  headRows?: Event[];
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
  limits: Partial<ScanLimits> = {},
): Promise<void> {
  const bounds: ScanLimits = { ...SCAN_LIMITS, ...limits };
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
    const member = planMember({ ...m, index, search, run: search.split?.base ?? search.full.pipeline, deferred: false, pushed: 0 }, opts);
    if (member) scanned.push(member);
    else alone.push(index);
  });

  let now = 0;
  let round = scanned;
  while (round.length) {
    const t0 = performance.now();
    try {
      if (!now && round.some((m) => m.streams?.some((s) => readsNow(s.pipeline)))) {
        scanCounts.nowPasses++;
        now = nowAfter(await newestTime(files));
      }
      for (const m of round) {
        m.needs = readsNeed(m, opts);
        for (const stream of fedStreams(m)) startStream(content, stream, now);
      }
      const newest = await scanFiles(files, round, bounds);
      if (!now) now = nowAfter(newest);
    } catch {
      // The files cannot be read: each test reads them alone, and says why in its own words.
      const streams = round.flatMap(fedStreams);
      for (const stream of streams) stream.channel.close();
      await Promise.allSettled(streams.map((stream) => stream.rows));
      alone.push(...round.map((m) => m.index));
      break;
    }
    scanCounts.scans++;
    const done = round.filter((m) => !m.deferred && !waits(m));
    const share = Math.round((performance.now() - t0) / Math.max(1, done.length));
    for (const m of done) result(m, await judgeMember(content, m, opts, now, share));
    // Tests dropped from this round join the next. When none could stay, the last one dropped (one
    // that keeps too much even by itself) runs alone, so that every round ends one test at least.
    const deferred = round.filter((m) => m.deferred);
    if (deferred.length === round.length) {
      const last = deferred.reduce((a, b) => ((b.droppedAt ?? 0) > (a.droppedAt ?? 0) ? b : a));
      alone.push(last.index);
      deferred.splice(deferred.indexOf(last), 1);
    }
    const waiting = round.filter((m) => waits(m) && !m.deferred);
    round = deferred.map((m) => planMember({ ...m, deferred: false, pushed: 0, droppedAt: undefined, subRows: undefined, headRows: undefined }, opts)!);
    // A join's main search, its subsearch read: narrowed by its values, or known to find nothing.
    for (const m of waiting) {
      const main = await narrowMain(m);
      if (main) round.push(main);
      else result(m, await judgeMember(content, m, opts, now, 0));
    }
  }
  scanCounts.alone += alone.length;
  for (const index of alone.sort((a, b) => a - b)) onResult(index, await executeTest(content, members[index].test, members[index].prepared, opts));

  function result(m: Member, r: TestResult): void {
    scanCounts.served++;
    if (m.streams) scanCounts.streamed++;
    else scanCounts.held++;
    if (m.cut !== undefined) scanCounts.staged++;
    onResult(m.index, r);
  }
}

/** A member's result once the file is read: its search pass (what is left of it), then judging. */
async function judgeMember(content: Content, m: Member, opts: RunOptions, now: number, readMs: number): Promise<TestResult> {
  const result = m.prepared.result;
  result.timings.read = readMs;
  try {
    const t = performance.now();
    const source = m.held ? heldSource(content, m, now) : emptySource(content, now);
    const pass = m.streams ? await streamedPass(m, source) : await searchPass(m.search, source);
    result.timings.search = Math.round(performance.now() - t);
    // A later pass (the explanation of a miss) reads the files again, as the test alone would have.
    const later = needsLaterPass(m, pass, opts) ? await aloneSource(content, m.test, m.prepared, m.search, opts) : source;
    return await judgeTest(content, m.test, m.prepared, opts, m.search, pass, later);
  } catch (err) {
    return settleError(content, result, err);
  }
}

/**
 * How a test joins the scan: streamed when its rows cannot depend on the order of its events (the
 * whole search, or its commands up to the first that reads elsewhere and each subsearch read
 * there); held otherwise; undefined when the scan cannot describe where it reads.
 */
function planMember(m: Member, opts: RunOptions): Member | undefined {
  const reads = sourceReads(m.search.full.pipeline);
  if (!reads || reads.length === 0) return undefined;
  // A dataset the engine does not know: the test alone reports it unsupported.
  if (reads.some((r) => r.dataset !== undefined && !datasetLineage(r.dataset))) return undefined;
  const { split } = m.search;
  // The filter macro runs over the search's rows; one that reads the source itself is read by a held search.
  const filterReads = split ? [split.filter, split.suppress].some((p) => readsEventsElsewhere(p)) : false;
  const streams = filterReads ? undefined : streamsOf(m.run);
  if (streams) {
    const narrowing =
      streams.cut !== undefined && !opts.noPrefilter
        ? joinNarrowing(
            m.run,
            streams.cut,
            m.prepared.files.map((f) => f.meta),
          )
        : undefined;
    return { ...m, streams: streams.streams, cut: streams.cut, narrowing };
  }
  const byPlace = new Map<string, SourceRead[]>();
  for (const r of reads) {
    const key = r.dataset ?? '';
    if (!byPlace.has(key)) byPlace.set(key, []);
    byPlace.get(key)!.push(r);
  }
  const held = [...byPlace].map(([key, list]): Held => ({ ...targetOf(key === '' ? undefined : key, list), rows: [], times: [], seqs: [], bytes: [] }));
  return { ...m, held, readers: reads.map((r) => r.command) };
}

/** Whether a member's main search waits for its subsearches' rows (join narrowing). */
function waits(m: Member): boolean {
  return m.narrowing !== undefined && m.subRows === undefined;
}

/** The streams of a member fed in this round: all but a waiting main search. */
function fedStreams(m: Member): Stream[] {
  if (!m.streams) return [];
  return waits(m) ? m.streams.slice(1) : m.streams;
}

/**
 * What a member requires of each file's raw text in this round. A search that reads in several
 * places (a join's or append's subsearch) has no one requirement for its whole source (`own` is
 * then none), but the scan feeds each of its reads only the rows that read's own filter keeps: an
 * event none of its reading commands can keep gives it nothing, as readerSource (run.ts) reads for
 * the test alone. A waiting main search reads nothing this round; a narrowed one requires its values.
 */
function readsNeed(m: Member, opts: RunOptions): RawNeed[] {
  const readers = m.streams ? fedStreams(m).map((s) => s.pipeline.commands[0]) : (m.readers ?? []);
  return m.prepared.files.map((f, i) => {
    const own = m.search.own[i];
    if (own !== true || opts.noPrefilter || readers.length === 0) return own;
    return unionNeed(readers.map((command) => readerNeed(command, f.meta)));
  });
}

/**
 * A waiting join's main search once its subsearches are read: narrowed by the values the join can
 * match, or read whole when they are too many; undefined when the subsearch found no value, so
 * the join keeps nothing (its rows are then none, `headRows`).
 */
async function narrowMain(m: Member): Promise<Member | undefined> {
  const [head, ...subs] = m.streams!;
  const subRows = new Map<Pipeline, Event[]>();
  for (const s of subs) subRows.set(s.pipeline, await rowsOf(s));
  const join = m.run.commands[m.cut!];
  const rows = join.cmd === 'join' ? subRows.get(join.subsearch) : undefined;
  const values = rows && joinValues(rows, m.narrowing!.joinFields);
  if (values?.some((v) => v.length === 0)) {
    scanCounts.narrowed++;
    m.subRows = subRows;
    m.headRows = [];
    return undefined;
  }
  let pipeline = head.pipeline;
  if (values && narrowable(m.narrowing!, values)) {
    scanCounts.narrowed++;
    pipeline = narrowedMain(pipeline, m.narrowing!, values);
  }
  const reads = sourceReads(pipeline)!;
  const main: Stream = { ...targetOf(reads[0].dataset, reads), pipeline, channel: new Channel() };
  return { ...m, streams: [main], subRows, pushed: 0 };
}

function targetOf(dataset: string | undefined, reads: SourceRead[]): Target {
  const filters = reads.map((r) => r.filter);
  const fields = fieldsOfAll(reads);
  if (filters.some((f) => !f)) return { dataset, accept: () => true, fields };
  return { dataset, accept: filters.length === 1 ? filters[0]! : (row) => filters.some((f) => f!(row)), fields };
}

/** Every field the readers read, or undefined when one of them may read any. */
function fieldsOfAll(readers: Array<{ fields?: ReadonlySet<string> }>): Set<string> | undefined {
  return readers.every((r) => r.fields) ? new Set(readers.flatMap((r) => [...r.fields!])) : undefined;
}

/** The streams a pipeline runs as while the file is read, or undefined when its rows may depend on the order of its events. */
function streamsOf(run: Pipeline): { streams: Stream[]; cut?: number } | undefined {
  const stream = (pipeline: Pipeline): Stream | undefined => {
    const reads = sourceReads(pipeline);
    if (reads?.length !== 1 || dependsOnEventOrder(pipeline, false)) return undefined;
    return { ...targetOf(reads[0].dataset, reads), pipeline, channel: new Channel() };
  };
  const cut = run.commands.findIndex((c, i) => i > 0 && readingSubsearches(c).length > 0);
  if (cut === -1) {
    const whole = stream(run);
    return whole && { streams: [whole] };
  }
  // Up to the first command that reads elsewhere, then each subsearch read after it.
  const head = stream({ ...run, commands: run.commands.slice(0, cut) });
  const subs = run.commands.slice(cut).flatMap((c) => readingSubsearches(c).map((s) => stream(s.pipeline)));
  if (!head || subs.some((s) => !s)) return undefined;
  return { streams: [head, ...(subs as Stream[])], cut };
}

/**
 * Whether a pipeline run while the file is read may ask for "now" (`now()`, `time()`, makeresults,
 * gentimes: engine/functions/time.ts, commands/makeresults.ts, gentimes.ts), which is one second
 * after the newest event of the files and so must be found by a pass of its own first. Read off the
 * search's text, so that an expression held as text (a streamstats or transaction option) counts too;
 * a word that only looks like one costs that pass, as before.
 */
function readsNow(pipeline: Pipeline): boolean {
  try {
    return NOW_READERS.test(renderPipeline(pipeline));
  } catch {
    return true; // a command that cannot be written back as text: assume it may
  }
}
const NOW_READERS = /\b(?:now|time)\s*\(|\b(?:makeresults|gentimes)\b/i;

/** Starts a stream's pipeline over its channel; it runs as the scan pushes rows into it. */
function startStream(content: Content, stream: Stream, now: number): void {
  const { channel, dataset } = stream;
  let started = false;
  const read = (): AsyncIterable<Event> => {
    if (started) throw new Error('internal: the shared scan feeds a search one read, and it asked for a second');
    started = true;
    return channel.events();
  };
  const source = contentSource(content, () => (dataset === undefined ? read() : unread('the events')), { now });
  source.datamodel = (name) => (name === dataset ? read() : unread(name));
  // A stream's rows all pass its one read's filter, which is its first command's own (streamsOf).
  stream.push = pushedPipeline(stream.pipeline, source, { filtered: true });
  if (stream.push) return;
  stream.rows = collect(runPipeline(stream.pipeline, source));
  // Settled one way or the other, the pipeline takes no more rows.
  stream.rows.then(
    () => channel.close(),
    () => channel.close(),
  );
}

/** A streamed test's search pass: its streams' rows, the rest of the search over them, then its filter macro. */
async function streamedPass(m: Member, source: EngineSource): Promise<SearchPass> {
  const [head, ...subs] = m.streams!;
  let rows = m.headRows ?? (await rowsOf(head));
  if (m.cut !== undefined) {
    let subsearches = m.subRows;
    if (!subsearches) {
      subsearches = new Map<Pipeline, Event[]>();
      for (const s of subs) subsearches.set(s.pipeline, await rowsOf(s));
    }
    rows = await collect(runPipelineFrom(m.run, m.cut, fromArray(rows), source, { subsearches }));
  }
  return filterPass(m.search, rows, source);
}

/** A stream's rows, once the file is read. */
function rowsOf(s: Stream): Promise<Event[]> {
  return s.push ? collect(s.push.end()) : s.rows!;
}

function unread(what: string): never {
  throw new Error(`internal: the shared scan did not read ${what} for this search`);
}

/**
 * Reads the files once in file order and hands each event (or its data-model row) to the members
 * that may match it. Returns the newest event time seen (skipped events included).
 */
async function scanFiles(files: PreparedTest['files'], members: Member[], limits: ScanLimits): Promise<number> {
  let newest = 0;
  let seq = 0;
  let sinceWait = 0;
  let heldTotal = 0;
  const holding = new Holding();
  const heap = new LiveHeap();
  let sinceDrop = DROP_SPACING;
  const channels = members.flatMap((m) =>
    fedStreams(m)
      .filter((s) => !s.push)
      .map((s) => s.channel),
  );
  const accepted = new Uint8Array(members.length);
  const everyone = new Uint8Array(members.length).fill(1);
  // Where each member's rows go (its streams, or what it holds), and the place each reads, numbered:
  // 0 the events, then each data-model dataset.
  const feeds: Array<Array<Stream | Held>> = members.map((m) => (m.streams ? fedStreams(m) : m.held!));
  const places: Array<string | undefined> = [undefined];
  const placesOf = feeds.map((list) =>
    list.map((t) => {
      if (t.dataset === undefined) return 0;
      const at = places.indexOf(t.dataset);
      return at > 0 ? at : places.push(t.dataset) - 1;
    }),
  );
  const rows: Array<Event | null | undefined> = new Array(places.length);
  const projections = places.map((dataset, p) =>
    p === 0
      ? undefined
      : projectionOf(
          dataset!,
          feeds.flatMap((list) => list.filter((t) => t.dataset === dataset)),
        ),
  );
  // When no member reads the events themselves, normalisation computes only what the views read.
  const demand = placesOf.some((at) => at.includes(0)) ? undefined : fieldDemand(['_raw', '_time', ...projections.flatMap((v) => v?.reads ?? [])]);
  try {
    for (const [i, file] of files.entries()) {
      if (demand) scanCounts.pruned++;
      const index = new NeedIndex();
      for (const m of members) index.add(m.needs?.[i] ?? m.search.own[i]);
      // The reader asks about an event's raw text right before it yields that event (or yields it
      // anyway: an XML character reference may hide a value from the raw text).
      let asked: string | undefined;
      let any = false;
      const keep = (raw: string) => {
        any = index.accepting(raw, accepted);
        asked = raw;
        return any;
      };
      const skipped = (time: number) => {
        scanCounts.skipped++;
        if (Number.isFinite(time) && time > newest) newest = time;
      };
      for await (const event of normalizeFresh(
        readDataset(file.path, file.meta, { prefilter: { keep, skipped }, fields: demand && readerFields(file.meta, demand) }),
        demand,
      )) {
        const time = eventTime(event);
        if (time > newest) newest = time;
        const wanted = any && event._raw === asked ? accepted : everyone;
        seq++;
        // Each place's row of this event, built on first use: the event itself, or its data-model row (null: none).
        rows.fill(undefined);
        for (let k = 0; k < members.length; k++) {
          if (!wanted[k] || members[k].deferred) continue;
          const at = placesOf[k];
          const to = feeds[k];
          for (let j = 0; j < at.length; j++) {
            const p = at[j];
            let row = rows[p];
            if (row === undefined) row = rows[p] = p === 0 ? event : (projections[p]!.project(event) ?? null);
            const feed = to[j];
            if (row === null || !feed.accept(row)) continue;
            if ('channel' in feed) {
              if (feed.push) (feed.pending ??= []).push(row);
              else feed.channel.push(row);
              members[k].pushed++;
              continue;
            }
            feed.rows.push(row);
            feed.times.push(time);
            feed.seqs.push(seq);
            feed.bytes.push(rowBytes(event));
            heldTotal += holding.hold(row, event);
          }
        }
        if (heldTotal > limits.holdBytes) heldTotal = dropLargest(members, holding, heldTotal, limits.holdBytes);
        if (++sinceWait >= limits.batch) {
          sinceWait = 0;
          flushPending(feeds);
          if (channels.length) await Promise.all(channels.map((c) => c.drained()));
          if (++sinceDrop >= DROP_SPACING && heap.grownBeyond(limits.heapBytes) && dropBusiest(members)) sinceDrop = 0;
        }
      }
    }
    flushPending(feeds);
  } finally {
    heap.stop();
  }
  for (const c of channels) c.end();
  return newest;
}

/**
 * The rows of a dataset for the targets that read it: only the fields they read when each says
 * which (every target there a tstats with named fields), else whole rows.
 */
function projectionOf(dataset: string, targets: Target[]): NonNullable<ReturnType<typeof datasetProjection>> {
  const wanted = fieldsOfAll(targets);
  // planMember leaves datasets the engine does not know to the test alone.
  return datasetProjection(dataset, wanted)!;
}

/**
 * Hands the rows pushed searches were given since the last batch to each, one search after the
 * other: each search's code and state stay in the processor's caches for a whole batch. Feeding
 * every search each row in turn took about a quarter more CPU (1.08× against 0.86× of the corpus
 * benchmark's CPU before pushed `stats`, paired on 67.5 MB).
 */
function flushPending(feeds: Array<Array<Stream | Held>>): void {
  for (const list of feeds)
    for (const f of list)
      if ('channel' in f && f.pending && f.pending.length) {
        const push = f.push;
        if (push) for (const row of f.pending) push.add(row);
        f.pending.length = 0;
      }
}

/**
 * How much the live heap grew during a round. The heap in use counts garbage until the collector
 * runs, and the scan makes much of it: measured raw, the bound fired on garbage and dropped
 * searches into extra rounds that read the file again (12 % of the corpus benchmark's CPU). So
 * growth is taken from the heap in use right after each full collection (what is live, give or
 * take what was allocated since), watched through the collector's performance entries; the raw
 * figure still counts once it is four times over the bound, should full collections not come.
 */
class LiveHeap {
  private readonly start = heapUsed();
  private live = this.start;
  private readonly observer = new PerformanceObserver((entries) => {
    for (const e of entries.getEntries() as Array<{ detail?: { kind?: number } }>)
      if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) this.live = heapUsed();
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  grownBeyond(bytes: number): boolean {
    return this.live - this.start > bytes || heapUsed() - this.start > 4 * bytes;
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/**
 * What the held rows cost. Searches over one file often keep the same rows (the same event, or its
 * one data-model row, shared by every search that keeps it): a row costs its bytes once, however
 * many searches hold it, and is freed when the last one lets go.
 */
class Holding {
  private readonly holders = new Map<Event, number>();

  /** One more search holds `row` (of `event`); returns the bytes this adds. */
  hold(row: Event, event: Event): number {
    const n = this.holders.get(row) ?? 0;
    this.holders.set(row, n + 1);
    return n === 0 ? rowBytes(event) : REFERENCE_BYTES;
  }

  /** A search lets go of its rows; returns the bytes this frees. */
  release(rows: Event[], eventBytes: (k: number) => number): number {
    let freed = 0;
    rows.forEach((row, k) => {
      const n = this.holders.get(row) ?? 0;
      if (n <= 1) {
        this.holders.delete(row);
        freed += eventBytes(k);
      } else {
        this.holders.set(row, n - 1);
        freed += REFERENCE_BYTES;
      }
    });
    return freed;
  }
}

/** What one more reference to a held row costs (the row is already counted): the reference, its time and place. */
const REFERENCE_BYTES = 40;

/**
 * Drops the streamed members fed the most rows (their state is likely the largest) until those
 * dropped were fed a quarter of the round's rows, never the last member left; their pipelines end,
 * their partial rows unused. True when one was dropped.
 */
function dropBusiest(members: Member[]): boolean {
  const streamed = members.filter((m) => m.streams && !m.deferred).sort((a, b) => b.pushed - a.pushed);
  const total = streamed.reduce((n, m) => n + m.pushed, 0);
  if (total === 0) return false;
  let left = members.filter((m) => !m.deferred).length;
  let freed = 0;
  for (const m of streamed) {
    if (left < 2 || freed >= total / 4) break;
    m.deferred = true;
    m.droppedAt = ++drops;
    for (const stream of m.streams!) {
      stream.channel.close();
      stream.push = undefined;
    }
    freed += m.pushed;
    left--;
  }
  return freed > 0;
}

/** Drops so far, to tell which came last. */
let drops = 0;

function heapUsed(): number {
  return getHeapStatistics().used_heap_size;
}

/** Drops the members holding the most rows until the rest fit (never the last one left); returns what the rest hold. */
function dropLargest(members: Member[], holding: Holding, total: number, holdBytes: number): number {
  const held = members.filter((m) => m.held && !m.deferred).sort((a, b) => count(b) - count(a));
  for (const m of held) {
    if (total <= holdBytes) break;
    for (const h of m.held!) {
      total -= holding.release(h.rows, (k) => h.bytes[k]);
      Object.assign(h, { rows: [], times: [], seqs: [], bytes: [] });
    }
    m.deferred = true;
    m.droppedAt = ++drops;
  }
  return total;
}

function count(m: Member): number {
  return m.held!.reduce((n, h) => n + h.rows.length, 0);
}

/** What a held row costs, counted by its event's raw text (a data-model row holds some of the event's values). */
function rowBytes(event: Event): number {
  return typeof event._raw === 'string' ? event._raw.length : 256;
}

/** The rows a held member kept, newest first and ties in file order, as its search reads them. */
function heldSource(content: Content, m: Member, now: number): EngineSource {
  const sorted = m.held!.map(({ dataset, rows, times, seqs }) => {
    const order = rows.map((_, k) => k).sort((a, b) => times[b] - times[a] || seqs[a] - seqs[b]);
    return { dataset, rows: order.map((k) => rows[k]) };
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

/**
 * The source of a streamed search once the file is read: lookups and "now", no events (its reads
 * were all fed while the file was read; another would be a gap in engine/reads.ts, said as such).
 */
function emptySource(content: Content, now: number): EngineSource {
  const source = contentSource(content, () => unread('the events'), { now });
  source.datamodel = (name) => unread(name);
  return source;
}
