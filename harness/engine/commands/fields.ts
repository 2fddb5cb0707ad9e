/**
 * fields and table.
 * fields: "Keeps or removes fields from search results based on the field list criteria ... the
 * internal fields _raw and _time are included in the output ... unless you use `fields - _raw`";
 * `fields - x` removes x. Wildcards select several fields.
 * table: "Returns a table that is formed by only the fields that you specify in the arguments";
 * columns come in the order listed (wildcard matches in their own order).
 */
import type { FieldsCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import { hasWildcard, wildcardRegex } from './lib/wildcard.js';
import type { CommandSpec } from './types.js';

function selector(patterns: string[]) {
  return patterns.map((p) => (hasWildcard(p) ? { re: wildcardRegex(p) } : { name: p }));
}

export const fields: CommandSpec<FieldsCommand> = {
  operator: async function* (input, command) {
    const sel = selector(command.fields);
    const selected = (name: string) => sel.some((s) => (s.re ? s.re.test(name) : s.name === name));
    if (command.remove) {
      for await (const event of input) {
        const out: Event = {};
        for (const [k, v] of Object.entries(event)) if (!selected(k)) out[k] = v;
        yield out;
      }
      return;
    }
    const keepInternal = command.name === 'fields';
    for await (const event of input) {
      const out: Event = {};
      for (const s of sel) {
        if (s.name !== undefined) {
          if (event[s.name] !== undefined) out[s.name] = event[s.name];
        } else {
          for (const k of Object.keys(event)) if (s.re!.test(k) && !(k in out)) out[k] = event[k];
        }
      }
      if (keepInternal) {
        for (const k of ['_raw', '_time'] as const) if (event[k] !== undefined && !(k in out)) out[k] = event[k];
      }
      yield out;
    }
  },
};
