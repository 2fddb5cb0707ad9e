/**
 * replace: "Replaces field values with the values that you specify." Each `<value> WITH <new>`
 * matches a whole field value, `*` matching any run of characters; "Wildcards in the replacement
 * take the text the wildcards matched" in order. "IN <field-list>" limits it to those fields
 * (wildcards allowed); without it every field is considered. Matching is case-sensitive; the
 * first pair that matches a value wins.
 */
import type { Event, Scalar } from '../types.js';
import { fromValues, mvValues, toText } from '../values.js';
import { matchFieldNames, substituteWildcards, wildcardRegex } from './lib/wildcard.js';
import { streaming } from './lib/streaming.js';
import { fail, describeToken } from '../../spl/context.js';
import { quote, renderList, joinParts } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface ReplaceCommand extends CommandNodeBase {
  cmd: 'replace';
  replacements: Array<{ from: string; to: string }>;
  fields: string[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    replace: ReplaceCommand;
  }
}

/** `replace <from> WITH <to> [, <from> WITH <to>]... [IN <fields>]`. */
const syntax: CommandSyntax<ReplaceCommand> = {
  cmd: 'replace',
  parse(r, base) {
    const replacements: Array<{ from: string; to: string }> = [];
    let list: string[] = [];
    while (!r.atEnd()) {
      if (r.eatComma()) continue;
      if (r.eatKeyword('in')) {
        list = r.fieldList();
        r.expectEnd('replace');
        break;
      }
      const from = r.field('a value to replace');
      if (!r.eatKeyword('with')) fail(`expected WITH after '${from}' in replace but found ${describeToken(r.peek())}`, r.peek());
      replacements.push({ from, to: r.field('a replacement after WITH') });
    }
    if (replacements.length === 0) fail('replace needs at least one <value> WITH <value>', base.span);
    return { ...base, cmd: 'replace', replacements, fields: list };
  },
  render: (c) =>
    joinParts('replace', c.replacements.map((r) => `${quote(r.from)} WITH ${quote(r.to)}`).join(', '), c.fields.length > 0 && `IN ${renderList(c.fields)}`),
  outputFields: keepFields,
};

export const replace = streaming<ReplaceCommand>((command) => {
  const pairs = command.replacements.map((r) => ({ re: wildcardRegex(r.from), to: r.to }));
  const rewrite = (v: Scalar): Scalar => {
    const text = toText(v) ?? '';
    for (const p of pairs) {
      const m = p.re.exec(text);
      if (m) return substituteWildcards(p.to, m.slice(1));
    }
    return v;
  };
  return (event) => {
    const names = command.fields.length ? [...new Set(command.fields.flatMap((f) => matchFieldNames(f, Object.keys(event))))] : Object.keys(event);
    let out: Event | undefined;
    for (const name of names) {
      const values = mvValues(event[name]);
      if (!values.length) continue;
      const next = values.map(rewrite);
      if (next.every((v, i) => v === values[i])) continue;
      out ??= { ...event };
      out[name] = fromValues(next);
    }
    return out ?? event;
  };
}, {});

export const command = defineCommand<ReplaceCommand>({ names: ['replace'], syntax, spec: replace });
