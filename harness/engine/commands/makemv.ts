/**
 * makemv: "Converts a single valued field into a multivalue field by splitting the value on a
 * simple string delimiter ... or by using a regex." `delim=` (default a single space) splits on
 * the string; `tokenizer=` takes each match of the regex (its first capture group when it has
 * one). "allowempty: Specifies whether to permit empty string values in the multivalue field"
 * (default false). `setsv=true` also keeps the original text.
 */
import type { MakemvCommand } from '../../spl/ast.js';
import type { Scalar } from '../types.js';
import { compileRegex } from '../regex.js';
import { fromValues, mvValues, toText } from '../values.js';
import { optionFlag, optionText } from './lib/stream.js';
import { streaming } from './lib/streaming.js';

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
