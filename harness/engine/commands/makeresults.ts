/**
 * makeresults: "Generates the specified number of search results" (`count=`, default 1), each
 * with only a `_time` field set to the search's current time.
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
    r.expectEnd('makeresults');
    return { ...base, cmd: 'makeresults', options };
  },
  render: (c) => joinParts('makeresults', ...renderOptions(c.options)),
};

export const makeresults: CommandSpec<MakeresultsCommand> = {
  options: ['count', 'annotate', 'splunk_server', 'splunk_server_group'],
  check: (command): Unsupported[] => (optionFlag(command.options.annotate, false) ? [{ kind: 'option', name: 'makeresults:annotate' }] : []),
  operator: async function* (input, command, ctx) {
    if (!ctx.first) yield* input;
    const count = optionNumber(command.options.count, 1);
    for (let i = 0; i < count; i++) yield { _time: Math.floor(ctx.source.now) };
  },
};

export const command = defineCommand<MakeresultsCommand>({ names: ['makeresults'], syntax, spec: makeresults });
