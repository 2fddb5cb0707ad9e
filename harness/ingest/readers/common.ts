/**
 * What every reader shares: the default fields of an event, multivalue field adding (Splunk's
 * MV_ADD), entity decoding, and the `_time` fallback for events without a readable timestamp.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Event } from '../../common/event.js';
import type { DatasetMeta, ReadOptions } from '../types.js';
import { byteChunks, countNewlines, splitLines } from '../lines.js';
import { wildcardTest } from '../transforms.js';

/** Splunk's default fields: `_raw`, `_time`, `source`, `sourcetype`, `host`, `index`, `linecount`. */
export function baseEvent(raw: string, time: number, meta: DatasetMeta, host: string): Event {
  return {
    _raw: raw,
    _time: time,
    source: meta.source,
    sourcetype: meta.sourcetype,
    host,
    index: meta.index ?? 'main',
    linecount: String(countNewlines(raw) + 1),
  };
}

/** The host when the event names none: meta.host, else the file name (Splunk's default for file inputs is the machine; the file name is the closest stable stand-in). */
export function defaultHost(path: string, meta: DatasetMeta): string {
  return meta.host ?? basename(path);
}

/**
 * Add a value to a field the way an extraction with MV_ADD does: the first value is a single
 * value, a second one makes the field multivalue. Empty values are dropped (Splunk's
 * KEEP_EMPTY_VALS defaults to false) unless `keepEmpty`.
 */
export function addField(event: Event, name: string, value: string, keepEmpty = false): void {
  if (value.length === 0 && !keepEmpty) return;
  if (name.length === 0 || name === '__proto__') return;
  const prev = event[name];
  if (prev === undefined) event[name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else event[name] = [prev, value];
}

/** Set a field only when the event does not have it yet. */
export function setIfAbsent(event: Event, name: string, value: string): void {
  if (value.length === 0 || name === '__proto__' || event[name] !== undefined) return;
  event[name] = value;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decode the five predefined XML entities and numeric character references. Anything else
 * (undeclared names; DTDs are never read) is left as written.
 */
export function decodeXmlEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/**
 * `_time` for events whose own timestamp is missing or unreadable: the previous event's time
 * (Splunk carries the last timestamp it saw forward), else the file's modification time.
 */
export class TimeFallback {
  private last: number | undefined;
  private constructor(private readonly mtime: number) {}

  static async forFile(path: string): Promise<TimeFallback> {
    let mtime = Date.now() / 1000;
    try {
      mtime = (await stat(path)).mtimeMs / 1000;
    } catch {
      // The reader reports the unreadable file itself; the fallback only needs a number.
    }
    return new TimeFallback(Math.floor(mtime));
  }

  /** Year of the file's modification time: the year Splunk assumes for year-less timestamps. */
  get referenceYear(): number {
    return new Date(this.mtime * 1000).getUTCFullYear();
  }

  /** Record a good timestamp, or get the fallback when `time` is undefined. */
  resolve(time: number | undefined): number {
    if (time !== undefined && Number.isFinite(time)) {
      this.last = time;
      return time;
    }
    return this.last ?? this.mtime;
  }
}

/** A warning emitter bound to one file. */
export function warner(path: string, options?: ReadOptions): (line: number, message: string) => void {
  const onWarning = options?.onWarning;
  return onWarning ? (line, message) => onWarning({ file: path, line, message }) : () => {};
}

/** Short excerpt of a bad record for a warning message. */
export function excerpt(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** What a line format finds in one line besides its fields: its own timestamp and host, when it has them. */
export interface LineFacts {
  time?: number;
  host?: string;
}

/**
 * The loop of the one-event-per-line readers: each non-blank line is an event whose fields are
 * the ones `parse` adds to `fields`. `_time` falls back (TimeFallback) and `host` defaults
 * (defaultHost) when the line names none; Splunk's default fields win over extracted fields of
 * the same name. A reader that only takes some lines (`parse` returns undefined) skips the rest.
 */
export async function* lineEvents(
  path: string,
  meta: DatasetMeta,
  parse: (text: string, fields: Event, line: number, referenceYear: number) => LineFacts | undefined,
): AsyncGenerator<Event> {
  const fallback = await TimeFallback.forFile(path);
  const host = defaultHost(path, meta);
  const referenceYear = fallback.referenceYear;
  for await (const { text, line } of splitLines(byteChunks(path))) {
    if (text.trim().length === 0) continue;
    const fields: Event = {};
    const facts = parse(text, fields, line, referenceYear);
    if (!facts) continue;
    const event = baseEvent(text, fallback.resolve(facts.time), meta, facts.host ?? host);
    for (const key in fields) if (event[key] === undefined) event[key] = fields[key];
    yield event;
  }
}

/** A case-insensitive test of a sourcetype against names and `*` patterns. */
export function sourcetypeMatcher(patterns: readonly string[]): (sourcetype: string) => boolean {
  const tests = patterns.map((p) => wildcardTest(p));
  return (sourcetype) => tests.some((t) => t(sourcetype));
}
