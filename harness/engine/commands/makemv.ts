/**
 * makemv: "Converts a single valued field into a multivalue field by splitting the value on a
 * simple string delimiter ... or by using a regex." `delim=` (default a single space) splits on
 * the string; `tokenizer=` takes each match of the regex (its first capture group when it has
 * one). "allowempty: Specifies whether to permit empty string values in the multivalue field"
 * (default false). `setsv=true` also keeps the original text.
 */
import type { Scalar } from '../types.js';
import { compileRegex } from '../regex.js';
import { fromValues, mvValues, toText } from '../values.js';
import { optionFlag, optionText } from './lib/stream.js';
import { streaming } from './lib/streaming.js';
import { renderWord, renderOptions, joinParts } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface MakemvCommand extends CommandNodeBase {
  cmd: 'makemv';
  field: string;
  delim?: string;
  tokenizer?: string;
  options: Options;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    makemv: MakemvCommand;
  }
}

/** `makemv [delim=<s> | tokenizer=<re>] [allowempty=<b>] [setsv=<b>] <field>`. */
const syntax: CommandSyntax<MakemvCommand> = {
  cmd: 'makemv',
  parse(r, base) {
    const options = r.options({});
    const field = r.field();
    r.options(options);
    r.expectEnd('makemv');
    const { delim, tokenizer, ...rest } = options;
    const cmd: MakemvCommand = { ...base, cmd: 'makemv', field, options: rest };
    if (delim !== undefined) cmd.delim = delim;
    if (tokenizer !== undefined) cmd.tokenizer = tokenizer;
    return cmd;
  },
  render(c) {
    const o: Options = {};
    if (c.delim !== undefined) o.delim = c.delim;
    if (c.tokenizer !== undefined) o.tokenizer = c.tokenizer;
    return joinParts('makemv', ...renderOptions({ ...o, ...c.options }), renderWord(c.field));
  },
  outputFields: keepFields,
};

export const makemv = streaming<MakemvCommand>(
  (command) => {
    const allowEmpty = optionFlag(command.options.allowempty, false);
    const tokenizer = command.tokenizer !== undefined ? compileRegex(optionText(command.tokenizer)!, 'g') : undefined;
    const delim = optionText(command.delim) ?? ' ';
    return (event) => {
      const values = mvValues(event[command.field]);
      if (values.length !== 1) {
        return event;
      }
      const text = toText(values[0]) ?? '';
      let parts: Scalar[];
      if (tokenizer) {
        parts = [];
        tokenizer.lastIndex = 0;
        for (let m = tokenizer.exec(text); m; m = tokenizer.exec(text)) {
          parts.push(m[1] ?? m[0]);
          if (m[0] === '') tokenizer.lastIndex++;
        }
      } else parts = text.split(delim);
      if (!allowEmpty) parts = parts.filter((p) => p !== '');
      const out = { ...event };
      const value = fromValues(parts);
      if (value === undefined) delete out[command.field];
      else out[command.field] = value;
      return out;
    };
  },
  {
    options: ['delim', 'tokenizer', 'allowempty', 'setsv'],
    check: (command) => (optionFlag(command.options.setsv, false) ? [{ kind: 'option', name: 'makemv:setsv' }] : []),
  },
);

export const command = defineCommand<MakemvCommand>({ names: ['makemv'], syntax, spec: makemv });
