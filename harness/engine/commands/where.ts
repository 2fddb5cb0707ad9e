/**
 * where: "The where command uses eval-expression to filter search results ... only keeps the
 * results for which the evaluation was successful and the Boolean result was true."
 */
import type { WhereCommand } from '../../spl/ast.js';
import { compileTest } from './lib/expr.js';
import type { CommandSpec } from './types.js';

export const where: CommandSpec<WhereCommand> = {
  operator: async function* (input, command, ctx) {
    const test = compileTest(command.expr, ctx.evalContext);
    for await (const event of input) if (test(event)) yield event;
  },
};
