import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { readGenericArgs } from './lib/generic-args.js';
import { groupCombinations, groupKey } from './lib/groups.js';
import { optionFlag, optionNumber } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';
import { defineCommand } from './types.js';

const TOP_OPTIONS = ['limit', 'countfield', 'percentfield', 'showcount', 'showperc', 'useother', 'otherstr'];

/**
 * top / rare: "Finds the most common values for the fields in the field list. Calculates a count
 * and a percentage of the frequency the values occur in the events" (top; rare: the least
 * common). `limit` default 10 (0 = all); `by` computes per group; `countfield` / `percentfield`
 * rename the columns; `showcount` / `showperc` drop them; `useother` adds a row labelled `otherstr`
 * (default "OTHER") for the values past the limit. "top [<N>] ... Specifying top limit=<int> is the
 * same as specifying top N" (top, Syntax), so a leading integer word is the limit.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/top
 */
function readFrequencyArgs(args: string[]) {
  const { options, words } = readGenericArgs(args);
  if (words.length > 1 && /^\d+$/.test(words[0]) && options.limit === undefined) options.limit = words.shift()!;
  return { options, words };
}

export function frequency(order: 'top' | 'rare'): CommandSpec<GenericCommand> {
  return {
    check(command) {
      const { options, words } = readFrequencyArgs(command.args);
      const out: Unsupported[] = Object.keys(options)
        .filter((k) => !TOP_OPTIONS.includes(k))
        .map((k) => ({ kind: 'option', name: `${order}:${k}` }));
      if (!words.length) out.push({ kind: 'option', name: `${order}: no field list` });
      return out;
    },
    operator: async function* (input, command) {
      const { options, words } = readFrequencyArgs(command.args);
      const byAt = words.findIndex((w) => w.toLowerCase() === 'by');
      const fields = (byAt < 0 ? words : words.slice(0, byAt)).flatMap((w) => w.split(',')).filter(Boolean);
      const by =
        byAt < 0
          ? []
          : words
              .slice(byAt + 1)
              .flatMap((w) => w.split(','))
              .filter(Boolean);
      const limit = optionNumber(options.limit, 10);
      const countfield = options.countfield ?? 'count';
      const percentfield = options.percentfield ?? 'percent';
      const showcount = optionFlag(options.showcount, true);
      const showperc = optionFlag(options.showperc, true);
      const useother = optionFlag(options.useother, false);
      const otherstr = options.otherstr ?? 'OTHER';
      const groups = new Map<string, { by: Event; total: number; values: Map<string, { row: Event; n: number; first: number }> }>();
      let seq = 0;
      for await (const event of input) {
        const byCombos = by.length ? groupCombinations(event, by) : [[]];
        const combos = groupCombinations(event, fields);
        for (const b of byCombos) {
          const gk = groupKey(b);
          let g = groups.get(gk);
          if (!g) groups.set(gk, (g = { by: Object.fromEntries(by.map((f, i) => [f, b[i]])), total: 0, values: new Map() }));
          for (const c of combos) {
            g.total++;
            const k = groupKey(c);
            const v = g.values.get(k);
            if (v) v.n++;
            else g.values.set(k, { row: Object.fromEntries(fields.map((f, i) => [f, c[i]])), n: 1, first: seq++ });
          }
        }
      }
      for (const g of groups.values()) {
        const ranked = [...g.values.values()].sort((a, b) => (order === 'top' ? b.n - a.n : a.n - b.n) || a.first - b.first);
        const kept = limit > 0 ? ranked.slice(0, limit) : ranked;
        const emit = (row: Event, n: number): Event => {
          const out: Event = { ...g.by, ...row };
          if (showcount) out[countfield] = n;
          if (showperc) out[percentfield] = g.total ? (100 * n) / g.total : 0;
          return out;
        };
        for (const v of kept) yield emit(v.row, v.n);
        if (useother && kept.length < ranked.length) {
          const rest = ranked.slice(kept.length).reduce((s, v) => s + v.n, 0);
          yield emit(Object.fromEntries(fields.map((f) => [f, otherstr])), rest);
        }
      }
    },
  };
}

export const top = frequency('top');
export const rare = frequency('rare');

export const command = defineCommand<GenericCommand>({ names: ['top'], syntax: GENERIC_SYNTAX, spec: top });
export const rareCommand = defineCommand<GenericCommand>({ names: ['rare'], syntax: GENERIC_SYNTAX, spec: rare });
