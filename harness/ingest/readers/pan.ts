/**
 * Palo Alto Networks firewall logs (`pan:traffic`, `pan:threat`, `pan:system`, `pan:config`,
 * `pan:log`): syslog lines whose message is a comma-separated record with a fixed field order
 * per log type (PAN-OS "Syslog Field Descriptions"). The Palo Alto add-on splits them with
 * DELIMS = "," and a FIELDS list per type; the names below follow the add-on's naming (the
 * CIM-ready names: src_ip, dest_ip, app, action, ...). Quoted fields may hold commas.
 * `_time` is the record's generated time (read as UTC).
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta, ReadOptions, Reader } from '../types.js';
import { addField, excerpt, lineEvents, warner } from './common.js';
import { parseAnyTime } from './time.js';
import { sourcetypeMatcher } from './common.js';

/** The fields every PAN-OS log type starts with, up to and including the action. */
const COMMON = [
  'future_use1',
  'receive_time',
  'serial_number',
  'type',
  'log_subtype',
  'version',
  'generated_time',
  'src_ip',
  'dest_ip',
  'src_translated_ip',
  'dest_translated_ip',
  'rule',
  'src_user',
  'dest_user',
  'app',
  'vsys',
  'src_zone',
  'dest_zone',
  'src_interface',
  'dest_interface',
  'log_forwarding_profile',
  'future_use3',
  'session_id',
  'repeat_count',
  'src_port',
  'dest_port',
  'src_translated_port',
  'dest_translated_port',
  'session_flags',
  'transport',
  'action',
];

const FIELDS_BY_TYPE: Record<string, string[]> = {
  TRAFFIC: [
    ...COMMON,
    'bytes',
    'bytes_out',
    'bytes_in',
    'packets',
    'start_time',
    'duration',
    'http_category',
    'future_use4',
    'sequence_number',
    'action_flags',
    'src_location',
    'dest_location',
    'future_use5',
    'packets_out',
    'packets_in',
    'session_end_reason',
    'devicegroup_level1',
    'devicegroup_level2',
    'devicegroup_level3',
    'devicegroup_level4',
    'vsys_name',
    'dvc_name',
    'action_source',
  ],
  THREAT: [
    ...COMMON,
    'misc',
    'threat',
    'raw_category',
    'severity',
    'direction',
    'sequence_number',
    'action_flags',
    'src_location',
    'dest_location',
    'future_use4',
    'content_type',
    'pcap_id',
    'file_hash',
    'cloud_address',
    'url_index',
    'user_agent',
    'file_type',
    'xff',
    'referrer',
    'sender',
    'subject',
    'recipient',
    'report_id',
    'devicegroup_level1',
    'devicegroup_level2',
    'devicegroup_level3',
    'devicegroup_level4',
    'vsys_name',
    'dvc_name',
  ],
  SYSTEM: [
    'future_use1',
    'receive_time',
    'serial_number',
    'type',
    'log_subtype',
    'version',
    'generated_time',
    'vsys',
    'event_id',
    'object',
    'future_use2',
    'future_use3',
    'module',
    'severity',
    'description',
    'sequence_number',
    'action_flags',
    'devicegroup_level1',
    'devicegroup_level2',
    'devicegroup_level3',
    'devicegroup_level4',
    'vsys_name',
    'dvc_name',
  ],
  CONFIG: [
    'future_use1',
    'receive_time',
    'serial_number',
    'type',
    'log_subtype',
    'version',
    'generated_time',
    'src_ip',
    'vsys',
    'command',
    'admin',
    'client',
    'result',
    'path',
    'sequence_number',
    'action_flags',
    'before_change_detail',
    'after_change_detail',
    'devicegroup_level1',
    'devicegroup_level2',
    'devicegroup_level3',
    'devicegroup_level4',
    'vsys_name',
    'dvc_name',
  ],
};

/** Where the CSV record starts: `<future_use>,<YYYY/MM/DD hh:mm:ss>,<serial>,<TYPE>,`. */
const RECORD_START = /(?:^|[\s>])(\d*,\d{4}[/-]\d{2}[/-]\d{2}[ T]\d{2}:\d{2}:\d{2}Z?,[^,]*,([A-Z]+),)/;

/** Split one CSV record (double-quoted fields may contain commas; `""` is a quote). */
export function splitCsv(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          value += text.slice(j);
          j = text.length;
          break;
        }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      out.push(value);
      const comma = text.indexOf(',', j);
      if (comma === -1) break;
      i = comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      if (comma === -1) {
        out.push(text.slice(i));
        break;
      }
      out.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
  return out;
}

/** Add the positional fields of one PAN-OS line to `event`; the record's generated time. */
export function extractPanFields(text: string, event: Event): { time?: number; type?: string } {
  const m = RECORD_START.exec(text);
  if (!m) return {};
  const start = m.index + m[0].length - m[1].length;
  const values = splitCsv(text.slice(start).replace(/\r?\n$/, ''));
  const names = FIELDS_BY_TYPE[m[2]];
  if (!names) return { type: m[2] };
  for (let i = 0; i < names.length && i < values.length; i++) {
    if (!names[i].startsWith('future_use')) addField(event, names[i], values[i]);
  }
  const generated = typeof event.generated_time === 'string' ? parseAnyTime(event.generated_time.replace(/\//g, '-')) : undefined;
  return { time: generated, type: m[2] };
}

/** The sending firewall from the syslog header: RFC 5424 (optionally length-prefixed) or BSD. */
function panHost(text: string): string | undefined {
  const rfc = /^(?:\d+ )?<\d+>1 \S+ (\S+)/.exec(text);
  if (rfc && rfc[1] !== '-') return rfc[1];
  const bsd = /^(?:<\d+>)?[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} (\S+) /.exec(text);
  return bsd && !/^\d*,/.test(bsd[1]) ? bsd[1] : undefined;
}

/** The sourcetypes this reader reads (`*` any run, any case). */
const SOURCETYPES = ['pan:traffic', 'pan:threat', 'pan:system', 'pan:config', 'pan:log', 'pan:firewall'];

export const panReader: Reader = {
  name: 'pan',
  sourcetypes: SOURCETYPES,
  accepts: sourcetypeMatcher(SOURCETYPES),
  read: readPan,
};

export function readPan(path: string, meta: DatasetMeta, options?: ReadOptions): AsyncGenerator<Event> {
  const warn = warner(path, options);
  return lineEvents(path, meta, (text, fields, line) => {
    const { time, type } = extractPanFields(text, fields);
    if (type === undefined) warn(line, `no PAN-OS record in line: ${excerpt(text)}`);
    return { time, host: panHost(text) };
  });
}
