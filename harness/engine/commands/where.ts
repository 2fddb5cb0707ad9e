/**
 * where: "The where command uses eval-expression to filter search results ... only keeps the
 * results for which the evaluation was successful and the Boolean result was true."
 */
import { compileTest } from './lib/expr.js';
import { streaming } from './lib/streaming.js';
import { parseEvalExpr } from '../../spl/eval-expr.js';
import { renderEvalExpr } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { evalNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { EvalExpr, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface WhereCommand extends CommandNodeBase {
  cmd: 'where';
  expr: EvalExpr;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    where: WhereCommand;
  }
}

const syntax: CommandSyntax<WhereCommand> = {
  cmd: 'where',
  parse(r, base) {
    const expr = parseEvalExpr(r.s, r.ctx);
    r.expectEnd('where');
    return { ...base, cmd: 'where', expr };
  },
  render: (c) => `where ${renderEvalExpr(c.expr)}`,
  children: (c) => [evalNode(c.expr)],
  outputFields: keepFields,
};

export const where = streaming<WhereCommand>((command, ctx) => {
  const test = compileTest(command.expr, ctx.evalContext);
  return (event) => (test(event) ? event : null);
});

export const command = defineCommand<WhereCommand>({ names: ['where'], syntax, spec: where });
