import type { Event } from '../engine/types.js';

/** What a dataset entry of a test says about its file. */
export interface DatasetMeta {
  source: string;
  sourcetype: string;
  host?: string;
  index?: string;
}

/**
 * A reader turns a file into raw events: `_raw`, `_time` (epoch seconds), `source`,
 * `sourcetype`, `host`, `index`, plus the fields the format itself carries (for XML event
 * logs, every System and EventData field). Readers stream: bounded memory whatever the size.
 */
export interface Reader {
  name: string;
  /** True when this reader handles the sourcetype (case-insensitive). */
  accepts(sourcetype: string): boolean;
  read(path: string, meta: DatasetMeta): AsyncIterable<Event>;
}
