/**
 * The one way an EngineSource is built over content and events: the content's lookups, the CIM
 * data model datasets built from the events, and "now" one second after the newest event (the
 * wall clock when nothing dates the events). The test runner (in memory or streaming) and the
 * `search` command differ only in where their events come from and whether data model datasets
 * are held once built.
 */
import type { Content } from '../content/types.js';
import type { EngineSource, Event, LookupTable } from '../engine/types.js';
import { contentLookups } from '../engine/lookup.js';
import { collect } from '../engine/commands/lib/stream.js';
import { datamodelEvents } from '../ingest/datamodel.js';
import { readDataset } from '../ingest/read.js';

export interface SourceOptions {
  /** The newest event time known (epoch seconds); 0 or absent when none. */
  newest?: number;
  /** "Now" as already decided (a second source over the same events); wins over `newest`. */
  now?: number;
  /**
   * Hold each data model dataset once built and replay it from memory (for events held in
   * memory anyway); otherwise each use builds it again from a fresh read of the events.
   */
  holdDatamodels?: boolean;
}

/** "Now" for a run over events whose newest time is `newest`: one second after it. */
export const nowAfter = (newest = 0): number => (newest > 0 ? Math.floor(newest) + 1 : Math.floor(Date.now() / 1000));

/** A source over `events` (a fresh iteration each call) and the content's lookups. */
export function contentSource(content: Content, events: () => AsyncIterable<Event>, opts: SourceOptions = {}): EngineSource {
  const lookups = contentLookups(content);
  const held = new Map<string, Promise<Event[]> | null>();
  const datamodel = (dataset: string): AsyncIterable<Event> | undefined => {
    if (!opts.holdDatamodels) return datamodelEvents(dataset, events());
    if (!held.has(dataset)) {
      const it = datamodelEvents(dataset, events());
      held.set(dataset, it ? collect(it) : null);
    }
    const rows = held.get(dataset);
    if (!rows) return undefined;
    return (async function* () {
      yield* await rows;
    })();
  };
  return { events, datamodel, lookup: (name: string): LookupTable | undefined => lookups(name), now: opts.now ?? nowAfter(opts.newest) };
}

/** The newest event time in the files: every event skipped unread, only its time taken. */
export async function newestTime(files: Array<{ path: string; meta: Parameters<typeof readDataset>[1] }>): Promise<number> {
  let newest = 0;
  const seen = (time: number) => {
    if (Number.isFinite(time) && time > newest) newest = time;
  };
  // An event the reader yields anyway (one it cannot judge by its raw text) counts by its own time.
  for (const f of files) for await (const e of readDataset(f.path, f.meta, { prefilter: { keep: () => false, skipped: seen } })) seen(eventTime(e));
  return newest;
}

/** An event's time for ordering: its `_time`, or 0 when it has none or it is not a number. */
export function eventTime(e: Event): number {
  const t = Number(e._time);
  return Number.isFinite(t) ? t : 0;
}
