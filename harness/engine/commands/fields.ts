/**
 * fields and table.
 * fields: "Keeps or removes fields from search results based on the field list criteria." "By
 * default, the internal fields _raw and _time are included in the search results ... The fields
 * command does not remove these internal fields unless you explicitly specify" it (`fields - _raw`,
 * `fields - _*`); `fields - x` removes x. Wildcards select several fields.
 * table: "Returns a table that is formed by only the fields that you specify in the arguments";
 * columns come in the order listed (wildcard matches in their own order).
 */
import type { FieldsCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import { hasWildcard, wildcardRegex } from './lib/wildcard.js';
import { streaming } from './lib/streaming.js';

export const fields = streaming<FieldsCommand>((command) => {
  const sel = command.fields.map((p) => (hasWildcard(p) ? { re: wildcardRegex(p) } : { name: p }));
  if (command.remove) {
    const selected = (name: string) => sel.some((s) => (s.re ? s.re.test(name) : s.name === name));
    return (event) => {
      const out: Event = {};
      for (const k in event) if (!selected(k)) out[k] = event[k];
      return out;
    };
  }
  const keepInternal = command.name === 'fields';
  return (event) => {
    const out: Event = {};
    for (const s of sel) {
      if (s.name !== undefined) {
        if (event[s.name] !== undefined) out[s.name] = event[s.name];
      } else {
        for (const k in event) if (s.re!.test(k) && !(k in out)) out[k] = event[k];
      }
    }
    if (keepInternal) {
      if (event._raw !== undefined && !('_raw' in out)) out._raw = event._raw;
      if (event._time !== undefined && !('_time' in out)) out._time = event._time;
    }
    return out;
  };
});
