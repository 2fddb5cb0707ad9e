/**
 * sort: "The sort command sorts all of the results by the specified fields. Results missing a
 * given field are treated as having the smallest or largest possible value of that field if the
 * order is descending or ascending, respectively" -- so they come last either way. `-field`
 * descending, `+field` (or nothing) ascending. By default the collating sequence is chosen from
 * the values: numeric when both are numbers, IP order when both are IPv4 addresses, otherwise
 * lexicographic (uppercase before lowercase); `num()`, `str()`, `ip()` force one. "If the first
 * argument to the sort command is a number, then at most that many results are returned ... If no
 * number is specified, the default limit of 10000 is used. If the number 0 is specified, all of
 * the results are returned." The sort is stable.
 */
import type { SortKey, CommandNodeBase } from '../../spl/ast.js';
import type { Event, FieldValue } from '../types.js';
import { toNumber, toText } from '../values.js';
import { parseIPv4 } from '../functions/cidr.js';
import type { CommandSpec } from './types.js';
import { fail } from '../../spl/context.js';
import { sortKey } from '../../spl/arg-parsers.js';
import { renderSortKey, joinParts } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface SortCommand extends CommandNodeBase {
  cmd: 'sort';
  limit?: number;
  keys: SortKey[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    sort: SortCommand;
  }
}

/** `sort [<count>|limit=<n>] <key> [, <key>]... [desc]`. */
const syntax: CommandSyntax<SortCommand> = {
  cmd: 'sort',
  parse(r, base) {
    const cmd: SortCommand = { ...base, cmd: 'sort', keys: [] };
    const first = r.peek();
    if (first.kind === 'word' && /^\d+$/.test(first.raw)) cmd.limit = Number(r.next().raw);
    const o = r.option();
    if (o) {
      if (o[0] !== 'limit') fail(`unknown sort option '${o[0]}'`, base.span);
      cmd.limit = Number(o[1]);
    }
    while (!r.atEnd()) {
      if (r.eatComma()) continue;
      if (r.isKeyword('d', 'desc') && cmd.keys.length > 0) {
        // A trailing `desc` reverses the whole order.
        r.next();
        r.expectEnd('sort');
        for (const k of cmd.keys) k.desc = !k.desc;
        break;
      }
      cmd.keys.push(sortKey(r));
    }
    if (cmd.keys.length === 0) fail('sort needs at least one field', base.span);
    return cmd;
  },
  render: (c) => joinParts('sort', c.limit !== undefined && String(c.limit), c.keys.map(renderSortKey).join(', ')),
  outputFields: keepFields,
};

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
      if (a === undefined || b === undefined) {
        // Missing values sort last in both directions.
        if (a === undefined && b === undefined) continue;
        return a === undefined ? 1 : -1;
      }
      const c = compareAs(a, b, key.as);
      if (c !== 0) return key.desc ? -c : c;
    }
    return x.i - y.i;
  });
  return indexed.map((x) => x.event);
}

export const command = defineCommand<SortCommand>({ names: ['sort'], syntax, spec: sort });
