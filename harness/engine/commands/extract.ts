import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { mvValues, toText } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { optionFlag, optionNumber } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';
import { defineCommand } from './types.js';

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
export const extract: CommandSpec<GenericCommand> = {
  check(command) {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options)
      .filter((k) => !EXTRACT_OPTIONS.includes(k))
      .map((k) => ({ kind: 'option', name: `extract:${k}` }));
    if (words.length) out.push({ kind: 'option', name: `extract: transforms ${words.join(' ')}` });
    return out;
  },
  operator: async function* (input, command) {
    const { options } = readGenericArgs(command.args);
    const limit = optionNumber(options.limit, 100);
    const maxchars = optionNumber(options.maxchars, 10240);
    const clean = optionFlag(options.clean_keys, true);
    const mvAdd = optionFlag(options.mv_add, false);
    const escape = (chars: string) => [...chars].map((c) => c.replace(/[\\^\]-]/g, '\\$&')).join('');
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

export const command = defineCommand<GenericCommand>({ names: ['extract', 'kv'], syntax: GENERIC_SYNTAX, spec: extract });
