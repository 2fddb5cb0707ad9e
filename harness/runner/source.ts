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
const nowAfter = (newest = 0): number => (newest > 0 ? Math.floor(newest) + 1 : Math.floor(Date.now() / 1000));

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
