/**
 * fields and table.
 * fields: "Keeps or removes fields from search results based on the field list criteria." "By
 * default, the internal fields _raw and _time are included in the search results ... The fields
 * command does not remove these internal fields unless you explicitly specify" it (`fields - _raw`,
 * `fields - _*`); `fields - x` removes x. Wildcards select several fields.
 * table: "Returns a table that is formed by only the fields that you specify in the arguments";
 * columns come in the order listed (wildcard matches in their own order).
 */
import type { Event } from '../types.js';
import { hasWildcard, wildcardRegex } from './lib/wildcard.js';
import { streaming } from './lib/streaming.js';
import { renderList, joinParts } from '../../spl/render.js';
import { openFields, hasWildcardField } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface FieldsCommand extends CommandNodeBase {
  cmd: 'fields';
  name: 'fields' | 'table';
  remove: boolean;
  fields: string[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    fields: FieldsCommand;
  }
}

/** `fields [+|-] <fields>` and `table <fields>`. */
const syntax: CommandSyntax<FieldsCommand> = {
  cmd: 'fields',
  parse(r, base) {
    let remove = false;
    const t = r.peek();
    if (base.name === 'fields' && t.kind === 'word' && (t.raw === '-' || t.raw === '+')) {
      r.next();
      remove = t.raw === '-';
    }
    const list = r.fieldList();
    r.expectEnd(base.name);
    return { ...base, cmd: 'fields', name: base.name as 'fields' | 'table', remove, fields: list };
  },
  render: (c) => joinParts(c.name, c.remove && '-', renderList(c.fields)),
  outputFields(before, c) {
    if (hasWildcardField(c.fields)) {
      if (c.remove || !before.closed) return before.closed ? before : openFields(before);
      const patterns = c.fields.map((f) => wildcardRegex(f));
      return { closed: true, fields: new Set([...before.fields].filter((f) => patterns.some((p) => p.test(f)))) };
    }
    if (c.remove) return { closed: before.closed, fields: new Set([...before.fields].filter((f) => !c.fields.includes(f))) };
    return { closed: true, fields: new Set(c.fields) };
  },
};

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

export const command = defineCommand<FieldsCommand>({ names: ['fields', 'table'], syntax, spec: fields });
