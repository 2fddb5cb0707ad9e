/**
 * W3C extended log format (IIS `ms:iis:*`, CloudFront access logs, other `#Fields:` logs):
 * directive lines (`#Version:`, `#Fields: date time s-ip cs-method ...`) then one event per
 * line of space- (or tab-) separated values in the order `#Fields:` gives. Splunk reads these
 * with INDEXED_EXTRACTIONS = w3c: each value under its field name, names cleaned the usual way
 * (`cs-uri-stem` → `cs_uri_stem`, `cs(User-Agent)` → `cs_User_Agent_`); `-` means no value.
 * `_time` from the `date` and `time` fields (UTC, as W3C logs write them).
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta, ReadOptions, Reader } from '../types.js';
import { byteChunks, splitLines } from '../lines.js';
import { TimeFallback, addField, baseEvent, defaultHost, excerpt, warner } from './common.js';
import { parseAnyTime } from './time.js';
import { sourcetypeMatcher } from './common.js';

/** W3C field name to Splunk field name: non-word characters to `_` (CLEAN_KEYS, keeping a trailing `_`). */
export function w3cFieldName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Fields of logs that are W3C-shaped but delivered without their `#Fields` line, in the order
 * AWS documents them: CloudFront standard access logs, and VPC flow logs (default format v2,
 * whose `start` is the flow's epoch time).
 */
const DEFAULT_FIELDS: Array<[RegExp, string]> = [
  [/^aws:cloudwatchlogs:vpcflow$/i, 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status'],
  [
    /^aws:cloudfront:accesslogs$/i,
    'date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end',
  ],
];

/** The sourcetypes this reader reads (`*` any run, any case). */
const SOURCETYPES = ['ms:iis:*', 'iis', 'w3c', 'aws:cloudfront:accesslogs', 'aws:cloudwatchlogs:vpcflow'];

export const w3cReader: Reader = {
  name: 'w3c',
  sourcetypes: SOURCETYPES,
  accepts: sourcetypeMatcher(SOURCETYPES),
  read: readW3c,
};

export async function* readW3c(path: string, meta: DatasetMeta, options?: ReadOptions): AsyncGenerator<Event> {
  const warn = warner(path, options);
  const fallback = await TimeFallback.forFile(path);
  const host = defaultHost(path, meta);
  const known = DEFAULT_FIELDS.find(([pattern]) => pattern.test(meta.sourcetype));
  let fields: string[] | undefined = known ? known[1].split(' ').map(w3cFieldName) : undefined;
  for await (const { text, line } of splitLines(byteChunks(path))) {
    if (text.trim().length === 0) continue;
    if (text.startsWith('#')) {
      const m = /^#Fields:\s*(.*)$/.exec(text);
      if (m) fields = m[1].trim().split(/\s+/).map(w3cFieldName);
      continue;
    }
    const values = text.split(text.includes('\t') ? '\t' : ' ');
    const event: Event = {};
    if (fields) {
      for (let i = 0; i < fields.length && i < values.length; i++) if (values[i] !== '-') addField(event, fields[i], values[i]);
      if (values.length !== fields.length) warn(line, `${values.length} values for ${fields.length} #Fields: ${excerpt(text)}`);
    } else {
      warn(line, `line before any #Fields directive: ${excerpt(text)}`);
    }
    const date = event.date;
    const time = event.time;
    const start = event.start;
    const stamp =
      typeof date === 'string' && typeof time === 'string'
        ? parseAnyTime(`${date} ${time}`)
        : typeof start === 'string'
          ? parseAnyTime(start)
          : parseAnyTime(text.slice(0, 40));
    const out = baseEvent(text, fallback.resolve(stamp), meta, typeof event.s_computername === 'string' ? event.s_computername : host);
    for (const key in event) if (out[key] === undefined) out[key] = event[key];
    yield out;
  }
}
