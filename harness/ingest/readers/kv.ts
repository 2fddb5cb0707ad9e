/**
 * Splunk's automatic key/value extraction (KV_MODE = auto, the default for text sourcetypes)
 * and the generic line reader built on it: one event per line, `key=value` pairs as fields.
 *
 * Splunk's rule, as its field-extraction docs describe it: it "extracts field-value pairs
 * separated by an equal sign (=)"; a value runs to the next whitespace (or comma/semicolon
 * delimiter), or is the text inside double quotes when quoted. Keys are cleaned (CLEAN_KEYS:
 * characters other than letters, digits and underscore become underscores; leading
 * underscores and digits removed). The first occurrence of a key wins.
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta, ReadOptions, Reader } from '../types.js';
import { lineEvents, setIfAbsent } from './common.js';
import { findTimestamp, parseAnyTime } from './time.js';

const PAIR = /(?:^|[\s,;|&?[({])([A-Za-z_][\w.:\-/]*)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s,;"']*))/g;

/** Splunk's CLEAN_KEYS: non-word characters to `_`, leading `_`/digits dropped. */
export function cleanKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[_0-9]+/, '');
}

/** Add every `key=value` pair of `text` to `event` (existing fields kept). Returns the pair count. */
export function extractAutoKv(text: string, event: Event): number {
  let count = 0;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(text); m !== null; m = PAIR.exec(text)) {
    const key = cleanKey(m[1]);
    // Inside double quotes only an escaped quote is unescaped: backslashes are data (paths, regexes).
    const value = m[2] !== undefined ? m[2].replace(/\\"/g, '"') : (m[3] ?? m[4] ?? '');
    if (key.length > 0 && value.length > 0 && event[key] === undefined) {
      setIfAbsent(event, key, value);
      count++;
    }
  }
  return count;
}

/** Common timestamp fields of key=value logs, in the order tried. */
const KV_TIME_FIELDS = ['timestamp', 'time', 'time_local', 'date_time', 'datetime', 'ts', 'eventtime', 'start_time', 'receive_time', 'generated_time'];

/**
 * The time of a text line: a `time=`-like field when the line has one, else the first
 * timestamp in its first 128 characters (Splunk's default timestamp lookahead).
 */
export function lineTime(text: string, event: Event, referenceYear: number): number | undefined {
  const lead = parseAnyTime(text.slice(0, 40).replace(/^<\d+>(?:1 )?/, ''), referenceYear);
  if (lead !== undefined) return lead;
  for (const name of KV_TIME_FIELDS) {
    for (const key of [name, name.toUpperCase(), name[0].toUpperCase() + name.slice(1)]) {
      const v = event[key];
      if (typeof v === 'string') {
        const t = parseAnyTime(v, referenceYear);
        if (t !== undefined) return t;
      }
    }
  }
  return findTimestamp(text, referenceYear);
}

export const linesReader: Reader = {
  name: 'lines',
  sourcetypes: [],
  accepts: () => false, // the fallback, chosen by read.ts, never by sourcetype
  read: readLines,
};

/** One event per non-blank line, with automatic key=value fields and the line's own timestamp. */
export function readLines(path: string, meta: DatasetMeta, _options?: ReadOptions): AsyncGenerator<Event> {
  return lineEvents(path, meta, (text, fields, _line, referenceYear) => {
    extractAutoKv(text, fields);
    return { time: lineTime(text, fields, referenceYear) };
  });
}
