/**
 * Syslog-style text reader (`syslog`, `linux_secure`, `linux_messages_syslog`, `sysmon:linux`
 * when forwarded through syslog, network devices' syslog such as `cisco:asa` / `pan:*`): one
 * event per line,
 *
 *   Oct  8 11:03:46 host sshd[1234]: Accepted password for root from 10.0.0.1 port 22 ssh2
 *   2022-08-11T15:41:23.128927+00:00 host sysmon: <Event>...</Event>
 *   <134>1 2022-08-11T15:41:23Z host app 123 - - message          (RFC 5424)
 *
 * Fields as Splunk's default syslog handling gives them: `host` from the header (the
 * `syslog-host` transform), `process` and `pid` from the tag (`syslog-extractions`), plus
 * automatic key=value pairs. When the message carries a Windows-style XML event (Sysmon for
 * Linux over syslog), its System/EventData fields are extracted as the XML reader does and its
 * SystemTime is the event's time.
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta, ReadOptions, Reader } from '../types.js';
import { lineEvents, setIfAbsent } from './common.js';
import { extractAutoKv, lineTime } from './kv.js';
import { parseIsoTime } from './time.js';
import { extractXmlEventFields } from './xmlwineventlog.js';
import { sourcetypeMatcher } from './common.js';

/** Header after the timestamp: `host tag[pid]: message` (BSD) or `host app procid msgid` (RFC 5424). */
const BSD =
  /^(?:<\d+>)?(?:[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)?(?: \d{4})?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?) (\S+) ([^\s:[]+)(?:\[(\d+)\])?: /;
const RFC5424 = /^<\d+>1 (\S+) (\S+) (\S+) (\S+) (\S+) /;

export interface SyslogHeader {
  host?: string;
  process?: string;
  pid?: string;
}

/** Add the fields of one syslog line to `event`; returns the header parts and an embedded XML event's time. */
export function extractSyslogFields(text: string, event: Event): SyslogHeader & { xmlTime?: number } {
  const header: SyslogHeader & { xmlTime?: number } = {};
  const rfc = RFC5424.exec(text);
  const bsd = rfc ? null : BSD.exec(text);
  if (rfc) {
    if (rfc[2] !== '-') header.host = rfc[2];
    if (rfc[3] !== '-') header.process = rfc[3];
    if (rfc[4] !== '-') header.pid = rfc[4];
  } else if (bsd) {
    header.host = bsd[1];
    header.process = bsd[2];
    header.pid = bsd[3];
  }
  if (header.process) setIfAbsent(event, 'process', header.process);
  if (header.pid) setIfAbsent(event, 'pid', header.pid);
  const xmlAt = text.indexOf('<Event');
  if (xmlAt !== -1 && text.indexOf('</Event>', xmlAt) !== -1) {
    const info = extractXmlEventFields(text.slice(xmlAt, text.lastIndexOf('</Event>') + 8), event);
    if (info.systemTime) header.xmlTime = parseIsoTime(info.systemTime);
    if (info.computer) header.host = info.computer;
  } else {
    extractAutoKv(text, event);
  }
  return header;
}

/** The sourcetypes this reader reads (`*` any run, any case). */
const SOURCETYPES = [
  'syslog',
  'linux_secure',
  'linux_messages_syslog',
  'linux:syslog',
  'sysmon_linux',
  'cisco:asa',
  'cisco:ios',
  'cisco:ftd*',
  'fortigate_*',
  'fgt_*',
  'juniper:*',
  'sshd',
  'messages',
  'secure',
];
const acceptsSourcetype = sourcetypeMatcher(SOURCETYPES);

export const syslogReader: Reader = {
  name: 'syslog',
  sourcetypes: SOURCETYPES,
  accepts: acceptsSourcetype,
  read: readSyslog,
};

export function readSyslog(path: string, meta: DatasetMeta, _options?: ReadOptions): AsyncGenerator<Event> {
  return lineEvents(path, meta, (text, fields, _line, referenceYear) => {
    const header = extractSyslogFields(text, fields);
    return { time: header.xmlTime ?? lineTime(text, fields, referenceYear), host: header.host };
  });
}
