/**
 * head: "Returns the first N number of specified results in search order" (default 10); with an
 * eval expression, "returns results until that expression evaluates to false". It stops reading
 * its input as soon as it has enough, so nothing upstream runs further.
 */
import type { HeadCommand } from '../../spl/ast.js';
import { compileTest } from './lib/expr.js';
import type { CommandSpec } from './types.js';

export const head: CommandSpec<HeadCommand> = {
  operator: async function* (input, command, ctx) {
    if (command.expr) {
      const test = compileTest(command.expr, ctx.evalContext);
      for await (const event of input) {
        if (!test(event)) return;
        yield event;
      }
      return;
    }
    if (command.count <= 0) return;
    let n = 0;
    for await (const event of input) {
      yield event;
      if (++n >= command.count) return;
    }
  },
};
