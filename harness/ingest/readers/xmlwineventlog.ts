/**
 * XmlWinEventLog reader: Windows event logs rendered as XML (Security, System, PowerShell,
 * Sysmon, ...) and Sysmon for Linux, which has the same shape.
 *
 * One event per `<Event xmlns=...>...</Event>` (or a bare `<Event>`, as Sysmon for Linux
 * writes): the file is split where an `<Event` tag starts, never at newlines, because values
 * holding CR/LF make one event span several lines.
 *
 * Fields follow the Windows add-on's generic XML extraction (Splunk_TA_windows, sourcetype
 * XmlWinEventLog, `REPORT-0xml_block_extract` and `REPORT-0xml_kv_extract`):
 * - the blocks themselves: `System_Props_Xml`, `EventData_Xml`, `UserData_Xml`,
 *   `RenderingInfo_Xml`, `DebugData_Xml` (inner XML, as written);
 * - `system_props_xml_kv`: every attribute-less System element `<Tag>value</Tag>` as Tag
 *   (EventID, Version, Level, Task, Opcode, Keywords, EventRecordID, Channel, Computer, ...);
 * - `system_props_xml_attributes`: every `name='value'` attribute inside System as `name`
 *   (Provider Name/Guid, TimeCreated SystemTime, Execution ProcessID/ThreadID, Security UserID,
 *   EventID Qualifiers, ...). The add-on's regex captures the quotes; we drop them, so
 *   `Name` is `Microsoft-Windows-Sysmon`, not `'Microsoft-Windows-Sysmon'`;
 * - `eventdata_xml_data`: every `<X Name='n'>value</X>` of EventData as `n` (repeated names
 *   become multivalue: MV_ADD); unnamed `<Data>` is not extracted by the add-on, so here too it
 *   stays only in `EventData_Xml`;
 * - `rendering_info_xml_data`: attribute-less RenderingInfo elements `<Tag>value</Tag>`;
 * - plus (beyond the add-on, as the ingest issue asks) every leaf element of UserData as a
 *   field named by its tag, so `SubjectUserName` of a 1102 "log cleared" event is searchable.
 * Empty values are dropped (KEEP_EMPTY_VALS is false by default). Values have the XML entities
 * decoded (&amp; &lt; &gt; &quot; &apos; and numeric references); DTDs and external entities
 * are never read: the scanner only knows elements, attributes and text.
 *
 * `EventCode` is also set here from the EventID element's text (the add-on's
 * `EventID_as_EventCode` / `EventID2_as_EventCode`): the second reads `_raw` because
 * `<EventID Qualifiers='...'>` has an attribute and so yields no `EventID` field at all.
 *
 * `_time` is TimeCreated/@SystemTime; `host` is the `Computer` element.
 *
 * The scanner is hand-written (indexOf and charCode tests over the event string), because
 * ingestion speed is a target: no DOM, no general XML parser.
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta, RawForm, ReadOptions, Reader } from '../types.js';
import { ReaderError, byteChunks, splitAtMarkerBatches } from '../lines.js';
import { TimeFallback, addField, decodeXmlEntities, defaultHost, excerpt, warner } from './common.js';
import { FieldList, buildEvent } from './shape.js';
import { internSlice } from './intern.js';
import { parseIsoTime } from './time.js';
import { sourcetypeMatcher } from './common.js';

/** What the scan learned beyond the fields: the event's time, host and code, and any problem. */
export interface XmlEventInfo {
  systemTime?: string;
  computer?: string;
  eventId?: string;
  problem?: string;
}

const GT = 62; // >
const SLASH = 47; // /
const EQ = 61; // =
const SQ = 39; // '
const DQ = 34; // "

function isNameChar(c: number): boolean {
  // Letters, digits, '_', '-', '.', ':' (XML name characters in the ASCII range) and any non-ASCII.
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46 || c > 127;
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * One start tag scanned at `<`: its name, attributes, and where its content begins. Each scan
 * loop owns one Tag and reuses it for every tag it reads (no allocation per tag).
 */
class Tag {
  name = '';
  /** Index just past the tag's `>` (or `/>`). */
  end = 0;
  selfClosing = false;
  /** Attribute names and raw (undecoded) values, flattened pairs: attrs[0 .. attrCount*2). */
  attrs: string[] = [];
  attrCount = 0;
}

/** Scan the start tag at `at` (raw[at] === '<') into `tag`; false when it is not a well-formed start tag. */
function scanTag(raw: string, at: number, limit: number, tag: Tag): boolean {
  let i = at + 1;
  while (i < limit && isNameChar(raw.charCodeAt(i))) i++;
  if (i === at + 1) return false;
  tag.name = internSlice(raw, at + 1, i);
  tag.attrCount = 0;
  while (i < limit) {
    let c = raw.charCodeAt(i);
    while (isWs(c)) c = raw.charCodeAt(++i);
    if (c === GT) {
      tag.end = i + 1;
      tag.selfClosing = false;
      return true;
    }
    if (c === SLASH && raw.charCodeAt(i + 1) === GT) {
      tag.end = i + 2;
      tag.selfClosing = true;
      return true;
    }
    const nameStart = i;
    while (i < limit && isNameChar(raw.charCodeAt(i))) i++;
    if (i === nameStart) return false;
    const attrName = internSlice(raw, nameStart, i);
    c = raw.charCodeAt(i);
    while (isWs(c)) c = raw.charCodeAt(++i);
    if (c !== EQ) return false;
    c = raw.charCodeAt(++i);
    while (isWs(c)) c = raw.charCodeAt(++i);
    if (c !== SQ && c !== DQ) return false;
    const close = raw.indexOf(c === SQ ? "'" : '"', i + 1);
    if (close === -1 || close >= limit) return false;
    tag.attrs[tag.attrCount * 2] = attrName;
    tag.attrs[tag.attrCount * 2 + 1] = raw.slice(i + 1, close);
    tag.attrCount++;
    i = close + 1;
  }
  return false;
}

/** Text of a leaf element whose content starts at `from`: the text when `</name>` follows it, else undefined. */
function leafText(raw: string, from: number, name: string): string | undefined {
  const lt = raw.indexOf('<', from);
  if (lt === -1 || raw.charCodeAt(lt + 1) !== SLASH) return undefined;
  if (!raw.startsWith(name, lt + 2) || raw.charCodeAt(lt + 2 + name.length) !== GT) return undefined;
  return raw.slice(from, lt);
}

/** Inner extent of the first `<name ...>...</name>` block at or after `from`, or undefined. */
function findBlock(raw: string, name: string, from: number): { start: number; end: number; after: number } | undefined {
  let at = raw.indexOf('<' + name, from);
  while (at !== -1) {
    const c = raw.charCodeAt(at + 1 + name.length);
    if (c === GT || isWs(c)) break;
    if (c === SLASH) return undefined; // <EventData/>: an empty block, nothing to extract
    at = raw.indexOf('<' + name, at + 1);
  }
  if (at === -1) return undefined;
  const open = raw.indexOf('>', at);
  if (open === -1) return undefined;
  if (raw.charCodeAt(open - 1) === SLASH) return undefined;
  const close = raw.indexOf('</' + name + '>', open + 1);
  if (close === -1) return { start: open + 1, end: raw.length, after: raw.length };
  return { start: open + 1, end: close, after: close + name.length + 3 };
}

// One Tag per scan loop (the block loop calls the element loops, so they cannot share).
const systemTag = new Tag();
const blockTag = new Tag();
const dataTag = new Tag();

/** System: attribute-less leaf elements as fields, and every attribute as a field. */
function scanSystem(raw: string, start: number, end: number, event: FieldSink, info: XmlEventInfo): void {
  const tag = systemTag;
  let lt = raw.indexOf('<', start);
  while (lt !== -1 && lt < end) {
    const c = raw.charCodeAt(lt + 1);
    if (c === SLASH || c === 33 /* ! */ || c === 63 /* ? */) {
      lt = raw.indexOf('<', lt + 1);
      continue;
    }
    if (!scanTag(raw, lt, end, tag)) {
      info.problem ??= `malformed tag in System at offset ${lt}`;
      lt = raw.indexOf('<', lt + 1);
      continue;
    }
    for (let a = 0; a < tag.attrCount * 2; a += 2) {
      const time = tag.name === 'TimeCreated' && tag.attrs[a] === 'SystemTime';
      if (!time && !event.wants(tag.attrs[a])) continue;
      const value = decodeXmlEntities(tag.attrs[a + 1]);
      if (event.wants(tag.attrs[a])) event.add(tag.attrs[a], value);
      if (time) info.systemTime = value;
    }
    if (!tag.selfClosing) {
      const id = tag.name === 'EventID';
      const computer = tag.name === 'Computer';
      const text = id || computer || (tag.attrCount === 0 && event.wants(tag.name)) ? leafText(raw, tag.end, tag.name) : undefined;
      if (text !== undefined) {
        const value = decodeXmlEntities(text);
        if (tag.attrCount === 0 && event.wants(tag.name)) event.add(tag.name, value);
        if (id) info.eventId = value;
        else if (computer) info.computer = value;
      }
    }
    lt = raw.indexOf('<', tag.end);
  }
}

/** EventData: every element with a Name attribute, `<Data Name='n'>value</Data>`, as field n. */
function scanNamedData(raw: string, start: number, end: number, event: FieldSink, info: XmlEventInfo): void {
  const tag = dataTag;
  let lt = raw.indexOf('<', start);
  while (lt !== -1 && lt < end) {
    if (raw.charCodeAt(lt + 1) === SLASH) {
      lt = raw.indexOf('<', lt + 2);
      continue;
    }
    // Fast path for the shape Windows renders: <Data Name='n'>value</Data> (or "n").
    if (raw.startsWith('Data Name=', lt + 1)) {
      const quote = raw.charCodeAt(lt + 11);
      if (quote === SQ || quote === DQ) {
        const close = raw.indexOf(quote === SQ ? "'" : '"', lt + 12);
        const after = raw.charCodeAt(close + 1);
        if (close !== -1 && after === GT) {
          const next = raw.indexOf('<', close + 2);
          const valueEnd = next === -1 || next > end ? end : next;
          if (valueEnd > close + 2) {
            const name = dataName(raw, lt + 12, close);
            if (event.wants(name)) event.add(name, decodeXmlEntities(raw.slice(close + 2, valueEnd)));
          }
          lt = next;
          continue;
        }
        if (close !== -1 && after === SLASH) {
          lt = raw.indexOf('<', close + 3);
          continue;
        }
      }
    }
    if (!scanTag(raw, lt, end, tag)) {
      info.problem ??= `malformed tag in EventData at offset ${lt}`;
      lt = raw.indexOf('<', lt + 1);
      continue;
    }
    if (!tag.selfClosing) {
      let name: string | undefined;
      for (let a = 0; a < tag.attrCount * 2; a += 2) if (tag.attrs[a] === 'Name') name = tag.attrs[a + 1];
      if (name !== undefined && event.wants((name = decodeXmlEntities(name)))) {
        const next = raw.indexOf('<', tag.end);
        const text = raw.slice(tag.end, next === -1 || next > end ? end : next);
        event.add(name, decodeXmlEntities(text));
      }
    }
    lt = raw.indexOf('<', tag.end);
  }
}

/** Leaf elements `<Tag>value</Tag>` as fields (attribute-less ones only unless `withAttrs`). */
function scanLeaves(raw: string, start: number, end: number, event: FieldSink, withAttrs: boolean): void {
  const tag = dataTag;
  let lt = raw.indexOf('<', start);
  while (lt !== -1 && lt < end) {
    if (raw.charCodeAt(lt + 1) === SLASH) {
      lt = raw.indexOf('<', lt + 2);
      continue;
    }
    if (!scanTag(raw, lt, end, tag)) {
      lt = raw.indexOf('<', lt + 1);
      continue;
    }
    if (!tag.selfClosing && (withAttrs || tag.attrCount === 0) && event.wants(localName(tag.name))) {
      const text = leafText(raw, tag.end, tag.name);
      if (text !== undefined) event.add(localName(tag.name), decodeXmlEntities(text));
    }
    lt = raw.indexOf('<', tag.end);
  }
}

/** A Data element's Name attribute value: interned, entities decoded when it has any. */
function dataName(raw: string, start: number, end: number): string {
  const amp = raw.indexOf('&', start);
  return amp === -1 || amp >= end ? internSlice(raw, start, end) : decodeXmlEntities(raw.slice(start, end));
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Something that takes extracted fields in order: a FieldList, or an adapter onto an Event. */
interface FieldSink {
  add(name: string, value: string): void;
  /** False for a field nobody reads: its value is not decoded (ReadOptions.fields). */
  wants(name: string): boolean;
}

const ALL_FIELDS = (): boolean => true;

/**
 * Add the fields of one XML event (`raw` is the whole `<Event ...>...</Event>`) to `event`
 * (repeated names multivalue). For the readers of formats that embed the same XML, and tests.
 */
export function extractXmlEventFields(raw: string, event: Event): XmlEventInfo {
  return scanXmlEvent(raw, { add: (name, value) => addField(event, name, value), wants: ALL_FIELDS });
}

/** Scan one XML event, passing every field to `event` in document order. */
function scanXmlEvent(raw: string, event: FieldSink): XmlEventInfo {
  const info: XmlEventInfo = {};
  if (!raw.endsWith('</Event>') && raw.lastIndexOf('</Event>') === -1) info.problem = 'event is not closed by </Event> (truncated?)';
  const system = findBlock(raw, 'System', 0);
  let pos = 0;
  if (system) {
    if (event.wants('System_Props_Xml')) event.add('System_Props_Xml', raw.slice(system.start, system.end));
    scanSystem(raw, system.start, system.end, event, info);
    pos = system.after;
  } else {
    info.problem ??= 'no <System> block';
    pos = raw.indexOf('>') + 1;
  }
  // The System block's siblings, in order: EventData, UserData, RenderingInfo, DebugData, ...
  const tag = blockTag;
  for (;;) {
    const lt = raw.indexOf('<', pos);
    if (lt === -1 || raw.charCodeAt(lt + 1) === SLASH) break; // </Event>
    if (!scanTag(raw, lt, raw.length, tag)) break;
    if (tag.selfClosing) {
      pos = tag.end;
      continue;
    }
    const closeTag = '</' + tag.name + '>';
    const close = raw.indexOf(closeTag, tag.end);
    const end = close === -1 ? raw.length : close;
    switch (tag.name) {
      case 'EventData':
        if (event.wants('EventData_Xml')) event.add('EventData_Xml', raw.slice(tag.end, end));
        scanNamedData(raw, tag.end, end, event, info);
        break;
      case 'UserData':
        if (event.wants('UserData_Xml')) event.add('UserData_Xml', raw.slice(tag.end, end));
        scanLeaves(raw, tag.end, end, event, true);
        break;
      case 'RenderingInfo':
        if (event.wants('RenderingInfo_Xml')) event.add('RenderingInfo_Xml', raw.slice(tag.end, end));
        scanLeaves(raw, tag.end, end, event, false);
        break;
      case 'DebugData':
        if (event.wants('DebugData_Xml')) event.add('DebugData_Xml', raw.slice(tag.end, end));
        break;
    }
    if (close === -1) break;
    pos = close + closeTag.length;
  }
  if (info.eventId !== undefined && event.wants('EventCode')) event.add('EventCode', info.eventId);
  return info;
}

/** Sourcetypes read as Windows XML events. */
/** The sourcetypes this reader reads (`*` any run, any case). */
const SOURCETYPES = ['XmlWinEventLog', 'XmlWinEventLog:*', 'WinEventLog:XML*', 'sysmon:linux', 'Syslog:Linux-Sysmon/Operational', 'xmlwineventlog_sysmon'];
const acceptsSourcetype = sourcetypeMatcher(SOURCETYPES);

/** The blocks kept as inner XML: any text of the event, not one element's. */
const BLOCK_FIELDS = new Set(['System_Props_Xml', 'EventData_Xml', 'UserData_Xml', 'RenderingInfo_Xml', 'DebugData_Xml']);

/**
 * Every way the scan above can produce a field: a System, UserData or RenderingInfo leaf element
 * of that (local) name, an EventData element named by its `Name` attribute, a System attribute;
 * and for `EventCode`, the System EventID element's text (attributes such as Qualifiers allowed).
 */
export function xmlRawForms(field: string): readonly RawForm[] | undefined {
  if (BLOCK_FIELDS.has(field)) return undefined;
  const forms: RawForm[] = [{ element: field }, { named: field }, { attribute: field }];
  if (field === 'EventCode') forms.push({ element: 'EventID' });
  return forms;
}

export const xmlWinEventLogReader: Reader = {
  name: 'xmlwineventlog',
  sourcetypes: SOURCETYPES,
  accepts: acceptsSourcetype,
  read: readXmlWinEventLog,
  rawForms: xmlRawForms,
};

/** The reader's own entry: stream, split at `<Event`, extract each event. */
export async function* readXmlWinEventLog(path: string, meta: DatasetMeta, options?: ReadOptions): AsyncGenerator<Event> {
  const warn = warner(path, options);
  const fallback = await TimeFallback.forFile(path);
  const host = defaultHost(path, meta);
  const stray = (r: { text: string; line: number }) => warn(r.line, `text outside any <Event> skipped: ${excerpt(r.text)}`);
  const keep = options?.prefilter?.keep;
  const skipped = options?.prefilter?.skipped;
  let events = 0;
  let broken = 0;
  let firstBroken = 0;
  for await (const batch of splitAtMarkerBatches(byteChunks(path), '<Event', ' >\t\r\n', stray)) {
    for (const record of batch) {
      // `<Event` in garbage starts no event of its own (a cut-short event still does).
      if (!isXmlEvent(record.text)) {
        if (!broken++) firstBroken = record.line;
        warn(record.line, `not an event: an <Event> element that is neither closed nor has a readable System block; skipped: ${excerpt(record.text)}`);
        continue;
      }
      events++;
      // `&#` may hide a character of a value from the pre-filter's literal pieces: keep those.
      if (keep && !keep(record.text) && !record.text.includes('&#')) {
        // The time still counts: it is the fallback of a later event that has none.
        const time = fallback.resolve(skippedEventTime(record.text));
        skipped?.(time);
        continue;
      }
      yield xmlRecordToEvent(record.text, record.line, meta, host, fallback, warn, options?.fields);
    }
  }
  if (events === 0 && broken > 0)
    throw new ReaderError(
      path,
      firstBroken,
      `not ${meta.sourcetype} data: none of its ${broken} <Event> element(s) parses (closed by </Event>, or with a readable System block)`,
    );
}

/**
 * Whether text from an `<Event` on is an event: the element is closed, or (an event cut short,
 * as ESCU's example logs and TRUNCATE leave them) its System block names the event's id, time or
 * computer. Anything else is text that merely contains `<Event`.
 */
export function isXmlEvent(text: string): boolean {
  const at = text.indexOf('<Event');
  if (at === -1) return false;
  // From the end: an event's close is its last characters, so this reads a few, not the whole event.
  if (text.lastIndexOf('</Event>') >= at) return true;
  const info = scanXmlEvent(at === 0 ? text : text.slice(at), { add: () => {}, wants: () => false });
  return info.eventId !== undefined || info.systemTime !== undefined || info.computer !== undefined;
}

/** TimeCreated/@SystemTime of an event the pre-filter skips, found without scanning the whole event. */
function skippedEventTime(raw: string): number | undefined {
  const at = raw.indexOf('<TimeCreated ');
  const attr = at === -1 ? -1 : raw.indexOf('SystemTime=', at);
  const quote = attr === -1 ? -1 : raw.charCodeAt(attr + 11);
  if ((quote === SQ || quote === DQ) && attr < raw.indexOf('>', at)) {
    const close = raw.indexOf(quote === SQ ? "'" : '"', attr + 12);
    if (close !== -1) return parseIsoTime(raw.slice(attr + 12, close));
  }
  // An unusual spelling (spaces around `=`, ...): the full scan reads it as extraction would.
  fieldList.clear();
  const info = scanXmlEvent(raw, fieldList);
  return info.systemTime !== undefined ? parseIsoTime(info.systemTime) : undefined;
}

/** One split record to an event (shared with readers that wrap XML events in another format). */
export function xmlRecordToEvent(
  raw: string,
  line: number,
  meta: DatasetMeta,
  host: string,
  fallback: TimeFallback,
  warn: (line: number, message: string) => void,
  fields?: ReadonlySet<string>,
): Event {
  fieldList.clear();
  fieldList.only = fields;
  const info = scanXmlEvent(raw, fieldList);
  const parsed = info.systemTime !== undefined ? parseIsoTime(info.systemTime) : undefined;
  if (parsed === undefined) warn(line, info.systemTime === undefined ? 'event has no TimeCreated SystemTime' : `unreadable SystemTime '${info.systemTime}'`);
  if (info.problem) warn(line, info.problem);
  // The default fields are set by buildEvent over any extracted field of the same name.
  return buildEvent(fieldList, raw, fallback.resolve(parsed), meta, info.computer || host);
}

/** Reused between events: the event objects are built from it, never hold it. */
const fieldList = new FieldList();
