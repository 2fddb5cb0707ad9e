/**
 * JSON reader: one object per line (JSON lines / NDJSON), pretty-printed objects spanning
 * several lines, or top-level arrays of objects (each element one event). Fields are
 * flattened as Splunk's JSON extraction names them (jsonflat.ts); `_time` comes from the
 * sourcetype's timestamp field (json-sourcetypes.ts), `host` from its host field.
 *
 * Shapes unwrapped into their events:
 * - `{"Records": [ ... ]}` (CloudTrail files as delivered to S3): one event per record, as the
 *   AWS add-on does;
 * - `{"preview": ..., "result": {...}}` (Splunk's own search export): the result's fields,
 *   `_raw` and `_time` are the event's.
 * A line that is not JSON becomes a text event with automatic key=value fields and a warning;
 * a line with a text prefix before its JSON object (syslog-forwarded JSON) keeps the whole line
 * as `_raw` and the object's fields.
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta, ReadOptions, Reader } from '../types.js';
import { textChunks } from '../lines.js';
import { TimeFallback, baseEvent, defaultHost, excerpt, warner } from './common.js';
import { GENERIC_HOST_FIELDS, GENERIC_TIME_FIELDS, JSON_SOURCETYPES, jsonSourcetype, type JsonSourcetype } from './json-sourcetypes.js';
import { JsonSyntaxError, flattenJson, type FlatFields } from './jsonflat.js';
import { extractAutoKv, lineTime } from './kv.js';
import { parseAnyTime } from './time.js';

export { JSON_SOURCETYPES };

/** A piece of a JSON stream: one top-level JSON value (or array element), or one non-JSON line. */
export interface JsonRecord {
  kind: 'json' | 'text';
  text: string;
  line: number;
}

/**
 * Split a text stream into JSON values and stray text lines, tracking strings and nesting so
 * that newlines inside a pretty-printed object never cut it. Elements of a top-level array are
 * records of their own.
 */
export async function* splitJsonRecords(chunks: AsyncIterable<string>): AsyncGenerator<JsonRecord> {
  let buf = '';
  let pos = 0;
  let line = 1;
  let recStart = -1;
  let recLine = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inArray = false; // inside a top-level array whose elements are records
  for await (const chunk of chunks) {
    // Drop what is consumed: keep from the open record's start, or from the scan position.
    const keep = recStart >= 0 ? recStart : pos;
    buf = (keep > 0 ? buf.slice(keep) : buf) + chunk;
    pos -= keep;
    if (recStart >= 0) recStart = 0;
    const n = buf.length;
    scan: while (pos < n) {
      if (recStart >= 0) {
        // Inside a JSON value: find where it closes.
        for (; pos < n; pos++) {
          const c = buf.charCodeAt(pos);
          if (c === 10) line++;
          if (inString) {
            if (escaped) escaped = false;
            else if (c === 92) escaped = true;
            else if (c === 34) inString = false;
          } else if (c === 34) inString = true;
          else if (c === 123 || c === 91) depth++;
          else if (c === 125 || c === 93) {
            depth--;
            if (depth === 0) {
              yield { kind: 'json', text: buf.slice(recStart, pos + 1), line: recLine };
              recStart = -1;
              pos++;
              continue scan;
            }
          }
        }
        break;
      }
      const c = buf.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 13) {
        pos++;
      } else if (c === 10) {
        line++;
        pos++;
      } else if (c === 123 /* { */ || (c === 91 /* [ */ && inArray)) {
        recStart = pos;
        recLine = line;
        depth = 1;
        pos++;
      } else if (c === 91 /* [ */) {
        inArray = true;
        pos++;
      } else if (inArray && c === 44 /* , */) {
        pos++;
      } else if (inArray && c === 93 /* ] */) {
        inArray = false;
        pos++;
      } else {
        // Not JSON here: the rest of the line is a text record (scalars in an array included).
        const nl = buf.indexOf('\n', pos);
        if (nl === -1) break; // wait for the rest of the line
        const end = nl > pos && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield { kind: 'text', text: buf.slice(pos, end), line };
        line++;
        pos = nl + 1;
      }
    }
  }
  if (recStart >= 0) yield { kind: 'json', text: buf.slice(recStart).trimEnd(), line: recLine };
  else if (pos < buf.length && buf.slice(pos).trim().length > 0) yield { kind: 'text', text: buf.slice(pos).trimEnd(), line };
}

function firstString(fields: FlatFields, name: string): string | undefined {
  const v = fields[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : String(first);
}

/** The event's time from its sourcetype's timestamp fields, then the generic ones. */
export function jsonEventTime(fields: FlatFields, entry: JsonSourcetype | undefined, referenceYear: number): number | undefined {
  const names = entry ? [...entry.time, ...GENERIC_TIME_FIELDS] : GENERIC_TIME_FIELDS;
  for (const name of names) {
    const v = firstString(fields, name);
    if (v === undefined) continue;
    const t = parseAnyTime(v, referenceYear);
    if (t !== undefined) return t;
  }
  return undefined;
}

function jsonHost(fields: FlatFields, entry: JsonSourcetype | undefined): string | undefined {
  for (const name of entry?.host ?? GENERIC_HOST_FIELDS) {
    const v = firstString(fields, name);
    if (v !== undefined && v.length > 0) return v;
  }
  return undefined;
}

/** Fields of one event plus the `_raw` / `_time` it brings itself (search exports do). */
interface Parsed {
  raw: string;
  fields: FlatFields;
  time?: number;
}

/** A Splunk search export row `{"preview":..,"result":{..}}` as the event it holds. */
function unwrapExport(text: string, fields: FlatFields): Parsed | undefined {
  if (fields.preview === undefined || !Object.keys(fields).some((k) => k.startsWith('result.'))) return undefined;
  const inner: FlatFields = {};
  for (const key in fields) if (key.startsWith('result.')) inner[key.slice(7)] = fields[key];
  const raw = firstString(inner, '_raw') ?? text;
  const timeText = firstString(inner, '_time');
  for (const key of ['_raw', '_time', 'source', 'sourcetype', 'index', 'linecount', 'splunk_server']) delete inner[key];
  return { raw, fields: inner, time: timeText === undefined ? undefined : parseAnyTime(timeText) };
}

/** The events of one JSON record (several for a `Records` container). */
function parseJsonRecord(text: string): Parsed[] {
  const fields = flattenJson(text);
  const keys = Object.keys(fields);
  if (keys.length > 0 && keys.every((k) => k.startsWith('Records{}'))) {
    const records = (JSON.parse(text) as { Records: unknown[] }).Records;
    return records.map((r) => {
      const raw = JSON.stringify(r);
      return { raw, fields: flattenJson(raw) };
    });
  }
  return [unwrapExport(text, fields) ?? { raw: text, fields }];
}

/** A non-JSON line: its JSON tail when it has one (syslog prefix + object), else auto key=value. */
function parseTextLine(text: string): { fields: FlatFields; json: boolean } {
  const brace = text.indexOf('{');
  if (brace > 0 && text.trimEnd().endsWith('}')) {
    try {
      return { fields: flattenJson(text.slice(brace)), json: true };
    } catch {
      // not JSON after all: fall through to key=value
    }
  }
  const fields: FlatFields = {};
  extractAutoKv(text, fields);
  return { fields, json: false };
}

/** Sourcetypes read as JSON. */
export function acceptsJson(sourcetype: string): boolean {
  return jsonSourcetype(sourcetype) !== undefined;
}

export const jsonReader: Reader = {
  name: 'json',
  sourcetypes: JSON_SOURCETYPES.map((s) => s.sourcetype),
  accepts: acceptsJson,
  read: readJson,
};

export async function* readJson(path: string, meta: DatasetMeta, options?: ReadOptions): AsyncGenerator<Event> {
  const warn = warner(path, options);
  const fallback = await TimeFallback.forFile(path);
  const entry = jsonSourcetype(meta.sourcetype);
  const host = defaultHost(path, meta);
  /** The event of one parsed record; `isJson` false for text, whose missing time is no news. */
  const make = (p: Parsed, line: number, isJson = true): Event => {
    const time = p.time ?? jsonEventTime(p.fields, entry, fallback.referenceYear);
    if (time === undefined && isJson && entry && entry.time.length > 0) warn(line, `no timestamp in ${entry.time.join(' / ')}`);
    const event = baseEvent(p.raw, fallback.resolve(time), meta, jsonHost(p.fields, entry) ?? host);
    for (const key in p.fields) if (event[key] === undefined) event[key] = p.fields[key];
    return event;
  };
  for await (const record of splitJsonRecords(textChunks(path))) {
    if (record.kind === 'json') {
      let parsed: Parsed[];
      try {
        parsed = parseJsonRecord(record.text);
      } catch (err) {
        const at = err instanceof JsonSyntaxError ? ` at line ${record.line + countLines(record.text, err.offset)}` : '';
        warn(record.line, `invalid JSON (${(err as Error).message}${at}), kept as text: ${excerpt(record.text)}`);
        yield make({ raw: record.text, fields: {}, time: undefined }, record.line, false);
        continue;
      }
      for (const p of parsed) yield make(p, record.line);
    } else {
      const { fields, json } = parseTextLine(record.text);
      if (!json) warn(record.line, `not JSON, read as a text line: ${excerpt(record.text)}`);
      const time = json ? undefined : lineTime(record.text, fields, fallback.referenceYear);
      yield make({ raw: record.text, fields, time }, record.line, json);
    }
  }
}

function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
