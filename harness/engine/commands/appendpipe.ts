/**
 * appendpipe: "Appends the result of the subpipeline to the search results. Unlike a subsearch,
 * the subpipeline is not run first. The subpipeline is run when the search reaches the
 * appendpipe command." The sub-pipeline reads the current results, which therefore are held.
 */
import type { Event } from '../types.js';
import { fromArray } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { subsearchArg } from '../../spl/arg-parsers.js';
import { renderPipeline } from '../../spl/render.js';
import { pipelineNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { Pipeline, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface AppendpipeCommand extends CommandNodeBase {
  cmd: 'appendpipe';
  subsearch: Pipeline;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    appendpipe: AppendpipeCommand;
  }
}

/** `appendpipe [<subpipeline>]`: the subpipeline starts with a command, not a search. */
const syntax: CommandSyntax<AppendpipeCommand> = {
  cmd: 'appendpipe',
  parse(r, base) {
    r.options({});
    const sub = subsearchArg(r, 'appendpipe', true);
    r.expectEnd('appendpipe');
    return { ...base, cmd: 'appendpipe', subsearch: sub };
  },
  render: (c) => `appendpipe [${renderPipeline(c.subsearch, true)}]`,
  children: (c) => [pipelineNode(c.subsearch)],
};

export const appendpipe: CommandSpec<AppendpipeCommand> = {
  operator: async function* (input, command, ctx) {
    const held: Event[] = [];
    for await (const e of input) {
      held.push(e);
      yield e;
    }
    yield* ctx.runCommands(command.subsearch.commands, fromArray(held));
  },
};

export const command = defineCommand<AppendpipeCommand>({ names: ['appendpipe'], syntax, spec: appendpipe });
