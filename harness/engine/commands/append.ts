/**
 * append: "Appends the results of a subsearch to the current results"; the main results first,
 * then the subsearch's, which runs over the same events. Options `maxtime`, `maxout`, `timeout`
 * bound the subsearch in Splunk and are accepted (`maxout` caps its rows, default 50,000).
 */
import type { AppendCommand } from '../../spl/ast.js';
import { optionNumber } from './lib/stream.js';
import type { CommandSpec } from './types.js';

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
