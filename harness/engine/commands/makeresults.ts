/**
 * makeresults: "Generates the specified number of search results" (`count=`, default 1), each
 * with only a `_time` field set to the search's current time.
 * A count written by position (`makeresults 5`) is SPL2's syntax ("makeresults command: Examples"
 * in the SPL2 Search Reference); the SPL Search Reference gives only `count=<num>`, so what SPL
 * does with a positional word is not documented: it parses, and is reported unsupported.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/makeresults
 */
import type { Unsupported } from '../types.js';
import { optionFlag, optionNumber } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { renderOptions, joinParts } from '../../spl/render.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface MakeresultsCommand extends CommandNodeBase {
  cmd: 'makeresults';
  options: Options;
  /** A count written by position (SPL2 syntax), kept so it can be reported. */
  positional?: string;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    makeresults: MakeresultsCommand;
  }
}

const syntax: CommandSyntax<MakeresultsCommand> = {
  cmd: 'makeresults',
  generating: true,
  parse(r, base) {
    const options = r.options({});
    let positional: string | undefined;
    if (r.peek().kind === 'word' && /^\d+$/.test(r.peek().value)) positional = r.next().value;
    r.options(options);
    r.expectEnd('makeresults');
    return positional === undefined ? { ...base, cmd: 'makeresults', options } : { ...base, cmd: 'makeresults', options, positional };
  },
  render: (c) => joinParts('makeresults', ...renderOptions(c.options), c.positional),
};

export const makeresults: CommandSpec<MakeresultsCommand> = {
  options: ['count', 'annotate', 'splunk_server', 'splunk_server_group'],
  check: (command): Unsupported[] => [
    ...(optionFlag(command.options.annotate, false) ? [{ kind: 'option' as const, name: 'makeresults:annotate' }] : []),
    ...(command.positional !== undefined
      ? [{ kind: 'option' as const, name: `makeresults ${command.positional} (a count by position is SPL2 syntax; SPL documents count=<num>)` }]
      : []),
  ],
  operator: async function* (input, command, ctx) {
    if (!ctx.first) yield* input;
    const count = optionNumber(command.options.count, 1);
    for (let i = 0; i < count; i++) yield { _time: Math.floor(ctx.source.now) };
  },
};

export const command = defineCommand<MakeresultsCommand>({ names: ['makeresults'], syntax, spec: makeresults });
