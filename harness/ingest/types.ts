import type { Event } from '../common/event.js';

/** What a dataset entry of a test says about its file. */
export interface DatasetMeta {
  source: string;
  sourcetype: string;
  host?: string;
  index?: string;
}

/**
 * A problem with one event (or one stretch of text) that a reader skipped or read partially.
 * Readers never throw for a bad event: they report it here and go on with the next one.
 */
export interface ReaderWarning {
  file: string;
  /** 1-based line where the event (or the text) starts. */
  line: number;
  message: string;
}

/** Options of one read. */
export interface ReadOptions {
  /** Called once per per-event problem (bad JSON line, event without a timestamp, ...). */
  onWarning?: (warning: ReaderWarning) => void;
  /**
   * Events whose raw text fails `keep` may be skipped before any field is extracted (the
   * runner's raw-text pre-filter, runner/prefilter.ts); `skipped` hears each skipped event's
   * time. A reader may ignore this and yield every event. One that honours it must only yield
   * fields whose values are text of the raw event (entities decoded), besides the default
   * fields, and must not skip an event whose raw text hides characters behind escapes (numeric
   * character references, `\u` escapes), since the pre-filter's literal pieces would miss them.
   */
  prefilter?: { keep: (raw: string) => boolean; skipped?: (time: number) => void };
  /**
   * The only fields anyone reads of these events besides the default fields (the shared scan's
   * normalisation demand, normalize.ts fieldDemand): a reader may leave the others out, and
   * skip their decoding. Absent: every field.
   */
  fields?: ReadonlySet<string>;
}

/**
 * A reader turns a file into raw events: `_raw`, `_time` (epoch seconds), `source`,
 * `sourcetype`, `host`, `index`, plus the fields the format itself carries (for XML event
 * logs, every System and EventData field). Readers stream: bounded memory whatever the size.
 */
export interface Reader {
  name: string;
  /** The sourcetypes it reads, as names or `*` patterns (any case): its documentation and `accepts`' source. */
  sourcetypes: readonly string[];
  /** True when this reader handles the sourcetype (case-insensitive). */
  accepts(sourcetype: string): boolean;
  read(path: string, meta: DatasetMeta, options?: ReadOptions): AsyncIterable<Event>;
  /**
   * How the raw text writes a value of one of its fields, when the reader can say (undefined:
   * anywhere, as any text). The pre-filter uses it to look for a number where the field is
   * written (runner/prefilter.ts); every way the reader can produce the field must be listed.
   * Only a reader that honours `ReadOptions.prefilter` may declare forms: a reader chosen by
   * sniffing instead of by sourcetype then either honours the same forms or ignores the filter.
   */
  rawForms?(field: string): readonly RawForm[] | undefined;
}

/**
 * One way a field's whole value is written in an XML event's raw text (before entity decoding,
 * possibly with surrounding spaces): the text of an element named `element` (any attributes,
 * any namespace prefix), the text of an element whose `Name` attribute is `named`, or the value
 * of an attribute called `attribute`.
 */
export type RawForm = { element: string } | { named: string } | { attribute: string };
