/**
 * What the engine exchanges with the world: its source of events, lookups and data models, and
 * what it reports as unsupported. Values and events themselves are common/event.ts.
 */
import type { Event } from '../common/event.js';
import type { Command } from '../spl/ast.js';

export type { Event, FieldValue, Scalar } from '../common/event.js';

/** What the engine needs from the world; the runner wires it to ingest and content. */
export interface EngineSource {
  /**
   * The indexed events (all time), fresh iteration each call; what a leading `search` reads.
   * `reader`, the command reading (a leading `search`, a `tstats`), applies its own filter to what
   * it gets: a source may leave out events that filter cannot keep.
   */
  events(reader?: Command): AsyncIterable<Event>;
  /**
   * The events of a CIM data model dataset, e.g. `Endpoint.Processes`, with fields named as
   * `tstats` sees them (`Processes.process_name`, plus `_time`). Undefined when unsupported.
   */
  datamodel(dataset: string, reader?: Command): AsyncIterable<Event> | undefined;
  /** A lookup table by lookup name (content `lookups/`), undefined when unknown. */
  lookup(name: string): LookupTable | undefined;
  /** Reference "now" for now() / relative_time(), epoch seconds. */
  now: number;
  /**
   * Optional IP geolocation for `iplocation` (e.g. backed by a GeoIP database the runner was
   * given). Without it, `iplocation` is unsupported: the harness ships no location data.
   */
  iplocation?(ip: string): IpLocation | undefined;
}

/** What `iplocation` adds for one address (fields as Splunk names them). */
export interface IpLocation {
  City?: string;
  Country?: string;
  Region?: string;
  lat?: number;
  lon?: number;
  /** Extra fields given with `allfields=true` (Continent, MetroCode, Timezone). */
  extra?: Record<string, string | number>;
}

export interface LookupTable {
  name: string;
  /** Column names in file order. */
  columns: string[];
  rows: Array<Record<string, string>>;
  /** From the lookup YAML: e.g. `WILDCARD(domain)`, `CIDR(ip)`; may list several. */
  matchType?: string;
  caseSensitive?: boolean;
  minMatches?: number;
  maxMatches?: number;
  defaultMatch?: string;
}

/** A feature the engine cannot execute, named for `unsupported: <feature>`. */
export interface Unsupported {
  kind: 'command' | 'function' | 'macro' | 'sourcetype' | 'datamodel' | 'lookup' | 'option' | 'model';
  name: string;
}

export class UnsupportedError extends Error {
  constructor(public readonly features: Unsupported[]) {
    super(`unsupported: ${features.map((f) => `${f.kind} ${f.name}`).join(', ')}`);
  }
}
