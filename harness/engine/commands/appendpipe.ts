/**
 * appendpipe: "Appends the result of the subpipeline to the search results. Unlike a subsearch,
 * the subpipeline is not run first. The subpipeline is run when the search reaches the
 * appendpipe command." The sub-pipeline reads the current results, which therefore are held.
 */
import type { AppendpipeCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import { fromArray } from './lib/stream.js';
import type { CommandSpec } from './types.js';

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
