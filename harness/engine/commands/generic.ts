/**
 * Commands the parser leaves untyped (`cmd: 'generic'`, arguments as tokens) that the engine
 * implements from their tokens: reverse, top, rare, map.
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { UnsupportedError } from '../types.js';
import { checkSupport } from '../support.js';
import { parseSearch } from '../../spl/parse.js';
import { mvValues, toText } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { groupCombinations, groupKey } from './lib/groups.js';
import { optionFlag, optionNumber } from './lib/stream.js';
import type { CommandSpec } from './types.js';

/** reverse: "Reverses the order of the results." Holds the results. */
const reverse: CommandSpec<GenericCommand> = {
  operator: async function* (input) {
    const all: Event[] = [];
    for await (const e of input) all.push(e);
    for (let i = all.length - 1; i >= 0; i--) yield all[i];
  },
};

const TOP_OPTIONS = ['limit', 'countfield', 'percentfield', 'showcount', 'showperc', 'useother', 'otherstr'];

/**
 * top / rare: "Finds the most common values for the fields in the field list. Calculates a count
 * and a percentage of the frequency the values occur in the events" (top; rare: the least
 * common). `limit` default 10 (0 = all); `by` computes per group; `countfield` / `percentfield`
 * rename the columns; `showcount` / `showperc` drop them; `useother` adds an OTHER row.
 */
function frequency(order: 'top' | 'rare'): CommandSpec<GenericCommand> {
  return {
    check(command) {
      const { options, words } = readGenericArgs(command.args);
      const out: Unsupported[] = Object.keys(options).filter((k) => !TOP_OPTIONS.includes(k)).map((k) => ({ kind: 'option', name: `${order}:${k}` }));
      if (!words.length) out.push({ kind: 'option', name: `${order}: no field list` });
      return out;
    },
    operator: async function* (input, command) {
      const { options, words } = readGenericArgs(command.args);
      const byAt = words.findIndex((w) => w.toLowerCase() === 'by');
      const fields = (byAt < 0 ? words : words.slice(0, byAt)).flatMap((w) => w.split(',')).filter(Boolean);
      const by = byAt < 0 ? [] : words.slice(byAt + 1).flatMap((w) => w.split(',')).filter(Boolean);
      const limit = optionNumber(options.limit, 10);
      const countfield = options.countfield ?? 'count';
      const percentfield = options.percentfield ?? 'percent';
      const showcount = optionFlag(options.showcount, true);
      const showperc = optionFlag(options.showperc, true);
      const useother = optionFlag(options.useother, false);
      const otherstr = options.otherstr ?? 'other';
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

/**
 * map: "The map command is a looping operator that runs a search repeatedly for each input event
 * or result." `search="..."` (or a `[subsearch]`) is run once per input result with each
 * `$field$` replaced by that result's value of the field; "maxsearches: The maximum number of
 * searches to run" (default 10). A result lacking a field the search names runs no search.
 */
/** The search a map command runs, `$field$` tokens still in it. */
export function mapTemplate(command: GenericCommand): string | undefined {
  const { options, words } = readGenericArgs(command.args);
  return options.search ?? words.find((w) => w.startsWith('['))?.replace(/^\[|\]$/g, '');
}

const map: CommandSpec<GenericCommand> = {
  check(command) {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options).filter((k) => k !== 'search' && k !== 'maxsearches').map((k) => ({ kind: 'option', name: `map:${k}` }));
    if (options.search === undefined && !words.some((w) => w.startsWith('['))) out.push({ kind: 'option', name: 'map: saved search' });
    return out;
  },
  operator: async function* (input, command, ctx) {
    const { options } = readGenericArgs(command.args);
    const template = mapTemplate(command)!;
    const maxsearches = optionNumber(options.maxsearches, 10);
    let runs = 0;
    for await (const event of input) {
      if (runs >= maxsearches) break;
      let missing = false;
      const text = template.replace(/\$([A-Za-z0-9_.]+)\$/g, (_m, f: string) => {
        const v = mvValues(event[f]);
        if (!v.length) missing = true;
        return toText(v[0]) ?? '';
      });
      runs++;
      if (missing) continue;
      const { pipeline, errors } = parseSearch(text);
      if (errors.length) throw new Error(`map: cannot read search "${text}": ${errors[0].message}`);
      const missingFeatures = checkSupport(pipeline);
      if (missingFeatures.length) throw new UnsupportedError(missingFeatures);
      yield* ctx.runSubsearch(pipeline);
    }
  },
};

export const GENERIC_COMMANDS: Record<string, CommandSpec<GenericCommand>> = { reverse, top: frequency('top'), rare: frequency('rare'), map };
