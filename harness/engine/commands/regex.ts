/**
 * regex: "Removes results that match or do not match the specified regular expression."
 * `regex field=<re>` keeps events whose field matches, `field!=<re>` those whose field does not;
 * without a field the regex runs on `_raw`. A multivalue field matches when any value does; an
 * event without the field never matches (so `!=` keeps it).
 */
import { compileRegex } from '../regex.js';
import { mvValues, toText } from '../values.js';
import { streaming } from './lib/streaming.js';
import { fail, describeToken } from '../../spl/context.js';
import { unescapeSpl } from '../../spl/lexer.js';
import { quote, renderWord } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface RegexCommand extends CommandNodeBase {
  cmd: 'regex';
  field: string;
  negated: boolean;
  regex: string;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    regex: RegexCommand;
  }
}

/** `regex [<field>(=|!=)]"<regex>"`. */
const syntax: CommandSyntax<RegexCommand> = {
  cmd: 'regex',
  parse(r, base) {
    let field = '_raw';
    let negated = false;
    let t = r.next();
    if (t.kind === 'word') {
      field = t.value;
      const op = r.next();
      if (op.kind !== 'op' || (op.raw !== '=' && op.raw !== '!=')) fail(`expected '=' or '!=' after '${t.raw}' but found ${describeToken(op)}`, op);
      negated = op.raw === '!=';
      t = r.next();
    }
    if (t.kind !== 'string') fail(`expected a quoted regular expression but found ${describeToken(t)}`, t);
    r.expectEnd('regex');
    return { ...base, cmd: 'regex', field, negated, regex: unescapeSpl(t.raw.slice(1, -1), false) };
  },
  render: (c) => `regex ${c.field === '_raw' && !c.negated ? '' : `${renderWord(c.field)}${c.negated ? '!=' : '='}`}${quote(c.regex, false)}`,
  outputFields: keepFields,
};

export const regex = streaming<RegexCommand>((command) => {
  const re = compileRegex(command.regex);
  const field = command.field || '_raw';
  return (event) => {
    const hit = mvValues(event[field]).some((v) => re.test(toText(v) ?? ''));
    return hit !== command.negated ? event : null;
  };
});

export const command = defineCommand<RegexCommand>({ names: ['regex'], syntax, spec: regex });
