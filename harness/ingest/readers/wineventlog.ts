/**
 * Classic WinEventLog reader (sourcetype `WinEventLog`, `WinEventLog:Security`, ...): the
 * rendering of the Windows event log that Splunk's forwarder writes when `renderXml` is off.
 *
 *   10/08/2020 11:03:46 AM          <- header line: the event's time (12-hour clock)
 *   LogName=Security                <- Key=Value lines
 *   EventCode=4688
 *   ...
 *   Message=A new process has been created.      <- the message runs to the next header
 *   <blank>
 *   Creator Subject:
 *   	Security ID:		S-1-5-18
 *   	Account Name:		WIN-DC$
 *
 * Fields follow Splunk's default WinEventLog extractions (`REPORT-0MESSAGE = wel-message,
 * wel-eq-kv, wel-col-kv`, which the Windows add-on applies to every WinEventLog source):
 * - `Message`: everything after `Message=`, across lines;
 * - every `Key=Value` line before the message as `Key`;
 * - every `Name:<whitespace>value` line of the message as `Name` with its key cleaned
 *   (spaces and other non-word characters become `_`: `Account Name` → `Account_Name`); a name
 *   seen twice (Subject and New Logon both have `Account Name`) becomes multivalue, in order;
 *   lines without a value (`Subject:`) give nothing.
 * `_time` is the header's time (read as UTC), `host` the `ComputerName` value.
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta, ReadOptions, Reader } from '../types.js';
import { byteChunks, splitLines, type TextRecord } from '../lines.js';
import { TimeFallback, addField, baseEvent, defaultHost, excerpt, warner } from './common.js';
import { cleanKey } from './kv.js';
import { parseClassicTime } from './time.js';
import { sourcetypeMatcher } from './common.js';

/** A header line: `MM/DD/YYYY hh:mm:ss AM` alone on its line. */
const HEADER = /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: [AP]M)?\s*$/i;
const EQ_KV = /^([A-Za-z_][\w ]*?)=(.*)$/;
const COL_KV = /^\s*([^:=\r\n]+?)\s*:[ \t]+(\S.*?)\s*$/;

/** Group lines into records, each starting at a header line. */
async function* classicRecords(lines: AsyncIterable<TextRecord>, onStray: (r: TextRecord) => void): AsyncGenerator<TextRecord> {
  let current: string[] | undefined;
  let startLine = 0;
  for await (const { text, line } of lines) {
    if (HEADER.test(text)) {
      if (current) yield { text: trimTrailingBlank(current), line: startLine };
      current = [text];
      startLine = line;
    } else if (current) {
      current.push(text);
    } else if (text.trim().length > 0) {
      onStray({ text, line });
    }
  }
  if (current) yield { text: trimTrailingBlank(current), line: startLine };
}

function trimTrailingBlank(lines: string[]): string {
  let end = lines.length;
  while (end > 1 && lines[end - 1].trim().length === 0) end--;
  return lines.slice(0, end).join('\n');
}

/** Add the fields of one classic event (`raw` starts with its header line) to `event`. */
export function extractClassicFields(raw: string, event: Event): void {
  const lines = raw.split('\n');
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.startsWith('Message=') || line.startsWith('Description=')) break;
    const m = EQ_KV.exec(line);
    if (m) addField(event, cleanKey(m[1].trim()), m[2].trim());
  }
  if (i >= lines.length) return;
  const messageStart = lines[i].indexOf('=') + 1;
  addField(event, 'Message', [lines[i].slice(messageStart), ...lines.slice(i + 1)].join('\n').trim());
  for (let j = i + 1; j < lines.length; j++) {
    const m = COL_KV.exec(lines[j]);
    if (!m) continue;
    const key = cleanKey(m[1]);
    if (key.length > 0 && key.length <= 64) addField(event, key, m[2]);
  }
}

/** The sourcetypes this reader reads (`*` any run, any case). */
const SOURCETYPES = ['WinEventLog', 'WinEventLog:*', 'wineventlog_*', 'wmi:wineventlog*'];
const acceptsSourcetype = sourcetypeMatcher(SOURCETYPES);

export const winEventLogReader: Reader = {
  name: 'wineventlog',
  sourcetypes: SOURCETYPES,
  accepts: (sourcetype) => acceptsSourcetype(sourcetype) && !/xml/i.test(sourcetype),
  read: readWinEventLog,
};

export async function* readWinEventLog(path: string, meta: DatasetMeta, options?: ReadOptions): AsyncGenerator<Event> {
  const warn = warner(path, options);
  const fallback = await TimeFallback.forFile(path);
  const host = defaultHost(path, meta);
  const stray = (r: TextRecord) => warn(r.line, `text before the first event header skipped: ${excerpt(r.text)}`);
  for await (const record of classicRecords(splitLines(byteChunks(path)), stray)) {
    const fields: Event = {};
    extractClassicFields(record.text, fields);
    const time = parseClassicTime(record.text);
    if (time === undefined) warn(record.line, 'unreadable header time');
    const computer = fields.ComputerName;
    const event = baseEvent(record.text, fallback.resolve(time), meta, typeof computer === 'string' ? computer : host);
    for (const key in fields) if (event[key] === undefined) event[key] = fields[key];
    yield event;
  }
}
