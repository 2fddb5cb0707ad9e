/**
 * untable: "Converts results from a tabular format to a format similar to stats output. This
 * command is the inverse of the xyseries command." `untable <x-field> <y-name-field>
 * <y-data-field>`: for each result and each field other than <x-field> ("All of the field names,
 * other than <x-field>, are used as the values for the <y-name-field> field"), one result with
 * the x value, the field name and its value. Empty cells and internal fields (`_time` when it is
 * not the x-field) give no result.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/untable
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { mvValues } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { streaming } from './lib/streaming.js';
import { fieldWords, TOKEN_SYNTAX } from './lib/token-syntax.js';
import { defineCommand } from './types.js';

export const untable = streaming<GenericCommand>(
  (command) => {
    const [x, yname, ydata] = fieldWords(readGenericArgs(command.args).words);
    return (event) => {
      const out: Event[] = [];
      for (const [f, v] of Object.entries(event)) {
        if (f === x || f.startsWith('_') || !mvValues(v).length) continue;
        const row: Event = {};
        if (event[x] !== undefined) row[x] = event[x];
        row[yname] = f;
        row[ydata] = v;
        out.push(row);
      }
      return out;
    };
  },
  {
    check: (command): Unsupported[] =>
      fieldWords(readGenericArgs(command.args).words).length === 3
        ? []
        : [{ kind: 'option', name: 'untable: expects <x-field> <y-name-field> <y-data-field>' }],
  },
);

export const command = defineCommand<GenericCommand>({ names: ['untable'], syntax: TOKEN_SYNTAX, spec: untable });
