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
      const missingFeatures = checkSupport(pipeline, { iplocation: typeof ctx.source.iplocation === 'function' });
      if (missingFeatures.length) throw new UnsupportedError(missingFeatures);
      yield* ctx.runSubsearch(pipeline);
    }
  },
};

const EXTRACT_OPTIONS = ['pairdelim', 'kvdelim', 'limit', 'maxchars', 'clean_keys', 'mv_add', 'reload', 'segment'];

/**
 * extract (kv): "Extracts field-value pairs from the search results." With `pairdelim` and
 * `kvdelim` ("A string of characters used to delimit field-value pairs" / "to delimit the key from
 * the value") every character of each string is a delimiter; without them, `key=value` pairs
 * (values optionally double-quoted) are read from `_raw`. "clean_keys: Specifies whether to clean
 * keys. Overrides CLEAN_KEYS in transforms.conf" (default true: characters other than letters,
 * digits and underscore become underscores). `limit` (default 100) pairs, `maxchars` (default
 * 10240) characters of `_raw` are read; an extracted field never overwrites an existing one
 * unless `mv_add=true` adds its value to it.
 */
const extract: CommandSpec<GenericCommand> = {
  check(command) {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options).filter((k) => !EXTRACT_OPTIONS.includes(k)).map((k) => ({ kind: 'option', name: `extract:${k}` }));
    if (words.length) out.push({ kind: 'option', name: `extract: transforms ${words.join(' ')}` });
    return out;
  },
  operator: async function* (input, command) {
    const { options } = readGenericArgs(command.args);
    const limit = optionNumber(options.limit, 100);
    const maxchars = optionNumber(options.maxchars, 10240);
    const clean = optionFlag(options.clean_keys, true);
    const mvAdd = optionFlag(options.mv_add, false);
    const escape = (chars: string) => [...chars].map((c) => c.replace(/[\\^\]\-]/g, '\\$&')).join('');
    const pairSplit = options.pairdelim !== undefined ? new RegExp(`[${escape(options.pairdelim)}]`) : undefined;
    const kvSplit = options.kvdelim !== undefined ? new RegExp(`[${escape(options.kvdelim)}]`) : undefined;
    const cleanKey = (k: string) => (clean ? k.replace(/[^A-Za-z0-9_]/g, '_') : k);
    for await (const event of input) {
      const raw = (toText(event._raw) ?? '').slice(0, maxchars);
      const pairs: Array<[string, string]> = [];
      if (pairSplit || kvSplit) {
        for (const part of raw.split(pairSplit ?? /\s+/)) {
          const m = (kvSplit ?? /=/).exec(part);
          if (!m) continue;
          const key = part.slice(0, m.index).trim();
          if (key) pairs.push([key, part.slice(m.index + 1).trim()]);
        }
      } else {
        for (const m of raw.matchAll(/([A-Za-z_][\w.-]*)=(?:"([^"]*)"|([^\s,;]*))/g)) pairs.push([m[1], m[2] ?? m[3]]);
      }
      const out: Event = { ...event };
      for (const [k, v] of pairs.slice(0, limit)) {
        const key = cleanKey(k);
        if (out[key] === undefined) out[key] = v;
        else if (mvAdd) out[key] = [...mvValues(out[key]), v];
      }
      yield out;
    }
  },
};

export const GENERIC_COMMANDS: Record<string, CommandSpec<GenericCommand>> = { reverse, top: frequency('top'), rare: frequency('rare'), map, extract, kv: extract };
