/**
 * where: "The where command uses eval-expression to filter search results ... only keeps the
 * results for which the evaluation was successful and the Boolean result was true."
 */
import type { WhereCommand } from '../../spl/ast.js';
import { compileTest } from './lib/expr.js';
import { streaming } from './lib/streaming.js';

export const where = streaming<WhereCommand>((command, ctx) => {
  const test = compileTest(command.expr, ctx.evalContext);
  return (event) => (test(event) ? event : null);
});
