/**
 * append: "Appends the results of a subsearch to the current results"; the main results first,
 * then the subsearch's, which runs over the same events. Options `maxtime`, `maxout`, `timeout`
 * bound the subsearch in Splunk and are accepted (`maxout` caps its rows, default 50,000).
 */
import { optionNumber } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { subsearchArg } from '../../spl/arg-parsers.js';
import { renderOptions, joinParts, renderPipeline } from '../../spl/render.js';
import { pipelineNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { Options, Pipeline, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface AppendCommand extends CommandNodeBase {
  cmd: 'append';
  options: Options;
  subsearch: Pipeline;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    append: AppendCommand;
  }
}

const syntax: CommandSyntax<AppendCommand> = {
  cmd: 'append',
  readsEvents: true,
  parse(r, base) {
    const options = r.options({});
    const sub = subsearchArg(r, 'append');
    r.expectEnd('append');
    return { ...base, cmd: 'append', options, subsearch: sub };
  },
  render: (c) => joinParts('append', ...renderOptions(c.options), `[${renderPipeline(c.subsearch)}]`),
  children: (c) => [pipelineNode(c.subsearch)],
};

export const append: CommandSpec<AppendCommand> = {
  options: ['extendtimerange', 'maxtime', 'maxout', 'timeout'],
  operator: async function* (input, command, ctx) {
    yield* input;
    const maxout = optionNumber(command.options.maxout, 50_000);
    let n = 0;
    for await (const row of ctx.runSubsearch(command.subsearch)) {
      if (n++ >= maxout) break;
      yield row;
    }
  },
};

export const command = defineCommand<AppendCommand>({ names: ['append'], syntax, spec: append });
