/**
 * xyseries: "Converts results into a tabular format that is suitable for graphing. This command is
 * the inverse of the untable command." `xyseries <x-field> <y-name-field> <y-data-field>`: one
 * result per value of <x-field> (in the order they first appear), with a field named by each
 * <y-name-field> value holding its <y-data-field> value. Several y-data fields (named through
 * `sep=` / `format=`, whose exact default the page does not give) and `grouped=true` are
 * unsupported.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/xyseries
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { mvValues, toText } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { optionFlag } from './lib/stream.js';
import { fieldWords, TOKEN_SYNTAX } from './lib/token-syntax.js';
import type { CommandSpec } from './types.js';
import { defineCommand } from './types.js';

export const xyseries: CommandSpec<GenericCommand> = {
  options: ['grouped'],
  check(command): Unsupported[] {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options)
      .filter((k) => k !== 'grouped')
      .map((k) => ({ kind: 'option', name: `xyseries:${k}` }));
    if (optionFlag(options.grouped, false)) out.push({ kind: 'option', name: 'xyseries:grouped' });
    const n = fieldWords(words).length;
    if (n > 3) out.push({ kind: 'option', name: 'xyseries: several y-data fields' });
    if (n < 3) out.push({ kind: 'option', name: 'xyseries: expects <x-field> <y-name-field> <y-data-field>' });
    return out;
  },
  operator: async function* (input, command) {
    const [x, yname, ydata] = fieldWords(readGenericArgs(command.args).words);
    const rows = new Map<string, Event>();
    for await (const event of input) {
      const xv = event[x];
      if (!mvValues(xv).length) continue;
      const key = JSON.stringify(mvValues(xv).map((v) => toText(v) ?? ''));
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { [x]: xv }));
      const name = toText(mvValues(event[yname])[0]);
      if (name !== undefined && event[ydata] !== undefined) row[name] = event[ydata];
    }
    yield* rows.values();
  },
};

export const command = defineCommand<GenericCommand>({ names: ['xyseries'], syntax: TOKEN_SYNTAX, spec: xyseries });
