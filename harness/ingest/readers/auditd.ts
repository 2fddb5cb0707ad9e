/**
 * Linux audit reader (`linux:audit`, `auditd`): auditd's log, one record per line,
 *
 *   type=SYSCALL msg=audit(1600000000.123:456): arch=c000003e syscall=59 success=yes ... comm="bash"
 *
 * Splunk indexes each line as its own event (the records of one audit event share the id after
 * the colon, `456`, and are not merged at index time), with automatic key=value extraction over
 * the whole line: `type`, `msg` (`audit(1600000000.123:456):`), then every pair, quoted values
 * unquoted. The nested single-quoted `msg='op=PAM:... acct="root" res=success'` of user-space
 * records is scanned for pairs too, as auto-KV sees them in `_raw`. `_time` is the epoch inside
 * `audit(...)`. An optional `node=<host>` prefix (from a central aggregator) names the host.
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta, ReadOptions, Reader } from '../types.js';
import { excerpt, lineEvents, warner } from './common.js';
import { extractAutoKv } from './kv.js';
import { sourcetypeMatcher } from './common.js';

const AUDIT_STAMP = /msg=audit\((\d+(?:\.\d+)?):(\d+)\)/;
const NESTED_MSG = /msg='([^']*)'/;

/** Add the fields of one audit line to `event`; returns its time and audit serial when present. */
export function extractAuditFields(text: string, event: Event): { time?: number; serial?: string } {
  extractAutoKv(text, event);
  const nested = NESTED_MSG.exec(text);
  if (nested) extractAutoKv(nested[1], event);
  const stamp = AUDIT_STAMP.exec(text);
  return stamp ? { time: Number(stamp[1]), serial: stamp[2] } : {};
}

/** The sourcetypes this reader reads (`*` any run, any case). */
const SOURCETYPES = ['linux:audit', 'auditd', 'linux_audit', 'audit', 'aix:audit'];
const acceptsSourcetype = sourcetypeMatcher(SOURCETYPES);

export const auditdReader: Reader = {
  name: 'auditd',
  sourcetypes: SOURCETYPES,
  accepts: acceptsSourcetype,
  read: readAuditd,
};

export function readAuditd(path: string, meta: DatasetMeta, options?: ReadOptions): AsyncGenerator<Event> {
  const warn = warner(path, options);
  return lineEvents(path, meta, (text, fields, line) => {
    const { time } = extractAuditFields(text, fields);
    if (time === undefined) warn(line, `no msg=audit(...) timestamp: ${excerpt(text)}`);
    const node = fields.node;
    return { time, host: typeof node === 'string' ? node : undefined };
  });
}
