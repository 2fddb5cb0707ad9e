/**
 * `readDataset(path, meta)`: the events of one dataset file. The reader is chosen by
 * `meta.sourcetype` (case-insensitive); when no reader claims the sourcetype, the first
 * kilobyte of the content decides (sniff.ts). Gzip files are gunzipped transparently (by their
 * magic bytes, whatever their name).
 *
 * Errors: a file that cannot be read at all throws `ReaderError` (file, line). A bad event never
 * stops a read: the reader yields what parses and reports each problem through
 * `options.onWarning` ({ file, line, message }).
 */
import type { Event } from '../common/event.js';
import type { DatasetMeta, ReadOptions, Reader } from './types.js';
import { ReaderError, readHead } from './lines.js';
import { sniffFormat, type SniffedFormat } from './sniff.js';
import { xmlWinEventLogReader } from './readers/xmlwineventlog.js';
import { linesReader } from './readers/kv.js';
import { winEventLogReader } from './readers/wineventlog.js';
import { jsonReader } from './readers/json.js';
import { auditdReader } from './readers/auditd.js';
import { syslogReader, syslogXmlReader } from './readers/syslog.js';
import { panReader } from './readers/pan.js';
import { w3cReader } from './readers/w3c.js';

export { ReaderError };
export type { ReaderWarning, ReadOptions } from './types.js';

/** Readers in the order their `accepts` is asked; the first that accepts a sourcetype reads it. */
const READERS: Reader[] = [xmlWinEventLogReader, winEventLogReader, auditdReader, panReader, w3cReader, syslogReader, jsonReader];

const BY_SNIFF: Record<SniffedFormat, Reader> = {
  xmlwineventlog: xmlWinEventLogReader,
  wineventlog: winEventLogReader,
  json: jsonReader,
  auditd: auditdReader,
  syslog: syslogReader,
  w3c: w3cReader,
  lines: linesReader,
};

/** The reader registered for a sourcetype, or undefined when only sniffing can tell. */
export function readerFor(sourcetype: string): Reader | undefined {
  return READERS.find((r) => r.accepts(sourcetype));
}

/**
 * The sourcetypes (names, or patterns with `*`) that have a dedicated reader. Any other
 * sourcetype is still read, by sniffing: JSON when it looks like JSON, else one event per line
 * with automatic key=value fields.
 */
export function supportedReaderSourcetypes(): string[] {
  return READERS.flatMap((r) => r.sourcetypes);
}

/**
 * The reader that will read this file: by sourcetype, else by the content's first kilobyte.
 * The content overrides the sourcetype in one case: a structured format (XML events, JSON)
 * given to a reader that expects another. Datasets do that (`sysmon:linux` is XML from one
 * collector and syslog lines wrapping XML from another; auditd records exported as JSON), and
 * reading XML or JSON as plain text would lose every field.
 */
export async function chooseReader(path: string, meta: DatasetMeta): Promise<Reader> {
  const byType = readerFor(meta.sourcetype);
  const head = await readHead(path, 1024);
  const sniffed = BY_SNIFF[sniffFormat(head)];
  if (!byType) return sniffed;
  if (byType === sniffed) return byType;
  if (sniffed === xmlWinEventLogReader || sniffed === jsonReader) return sniffed;
  // XML expected but the content is text: syslog lines that may wrap XML events.
  // Unrecognised text: only its lines carrying an <Event> element are events (garbage is not
  // what the sourcetype says). Recognised syslog keeps every line, as Splunk would index it.
  if (byType === xmlWinEventLogReader) return sniffed === linesReader ? syslogXmlReader : sniffed;
  // JSON expected but the content is text: JSON behind a syslog prefix stays with the JSON
  // reader (it keeps the prefix in _raw); real text (Falco's output under kube:*, stream:* as
  // key=value) goes to the text reader the content asks for.
  if (byType === jsonReader) return /\{"/.test(head.split('\n', 1)[0]) ? jsonReader : sniffed;
  return byType;
}

/** The events of one dataset file, streamed. */
export async function* readDataset(path: string, meta: DatasetMeta, options?: ReadOptions): AsyncGenerator<Event> {
  const reader = await chooseReader(path, meta);
  yield* reader.read(path, meta, options);
}
