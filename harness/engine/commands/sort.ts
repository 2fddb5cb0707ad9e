/**
 * sort: "Sorts all of the results by the specified fields." `-field` descending, `+field` (or
 * nothing) ascending. "By default, sort tries to automatically determine what it is sorting. If
 * the field takes on numeric values, the collating sequence is numeric. If the field takes on IP
 * address values, the collating sequence is for IPs. Otherwise, the collating sequence is in
 * lexicographical order." `num()`, `str()`, `ip()` force one. "sort 0" keeps every result; a
 * count N (or `limit=N`) keeps the first N; "The default is 10000." The sort is stable. Where a
 * result has no value for a key field the documentation is silent; we put it first in ascending
 * order (last in descending).
 */
import type { SortCommand, SortKey } from '../../spl/ast.js';
import type { Event, FieldValue } from '../types.js';
import { toNumber, toText } from '../values.js';
import { parseIPv4 } from '../functions/cidr.js';
import type { CommandSpec } from './types.js';

export const DEFAULT_SORT_LIMIT = 10_000;

export const sort: CommandSpec<SortCommand> = {
  operator: async function* (input, command) {
    const all: Event[] = [];
    for await (const e of input) all.push(e);
    const limit = command.limit === undefined ? DEFAULT_SORT_LIMIT : command.limit === 0 ? Infinity : command.limit;
    const sorted = sortEvents(all, command.keys);
    for (let i = 0; i < sorted.length && i < limit; i++) yield sorted[i];
  },
};

const textCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareAs(a: FieldValue, b: FieldValue, as: SortKey['as']): number {
  const ta = toText(a) ?? '';
  const tb = toText(b) ?? '';
  if (as === 'str') return textCompare(ta, tb);
  if (as === 'ip' || as === undefined || as === 'auto') {
    const ia = parseIPv4(ta);
    const ib = parseIPv4(tb);
    if (ia !== undefined && ib !== undefined) return ia - ib;
    if (as === 'ip') return textCompare(ta, tb);
  }
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (as === 'num') {
    // num(): numbers before anything that is not one.
    if (na !== undefined) return -1;
    if (nb !== undefined) return 1;
  }
  return textCompare(ta, tb);
}

/** A stable sort of events by the keys. */
export function sortEvents(events: Event[], keys: SortKey[]): Event[] {
  const indexed = events.map((event, i) => ({ event, i }));
  indexed.sort((x, y) => {
    for (const key of keys) {
      const a = x.event[key.field];
      const b = y.event[key.field];
      let c: number;
      if (a === undefined || b === undefined) c = a === undefined ? (b === undefined ? 0 : -1) : 1;
      else c = compareAs(a, b, key.as);
      if (c !== 0) return key.desc ? -c : c;
    }
    return x.i - y.i;
  });
  return indexed.map((x) => x.event);
}
