/**
 * head: "Returns the first N number of specified results in search order" (default 10); with an
 * eval expression, "returns results until that expression evaluates to false". It stops reading
 * its input as soon as it has enough, so nothing upstream runs further.
 */
import { compileTest } from './lib/expr.js';
import type { CommandSpec } from './types.js';
import { fail } from '../../spl/context.js';
import { parseEvalExpr } from '../../spl/eval-expr.js';
import { joinParts, renderEvalExpr } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { evalNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { EvalExpr, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface HeadCommand extends CommandNodeBase {
  cmd: 'head';
  name: 'head' | 'tail';
  count: number;
  expr?: EvalExpr;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    head: HeadCommand;
  }
}

/** `head|tail [<N>|limit=<N>]`; head also takes `(<eval expression>)`. */
export const headSyntax: CommandSyntax<HeadCommand> = {
  cmd: 'head',
  parse(r, base) {
    const cmd: HeadCommand = { ...base, cmd: 'head', name: base.name as 'head' | 'tail', count: 10 };
    const t = r.peek();
    if (t.kind === 'word' && /^\d+$/.test(t.raw)) cmd.count = Number(r.next().raw);
    else if (t.kind === '(' && base.name === 'head') cmd.expr = parseEvalExpr(r.s, r.ctx);
    const o = r.option();
    if (o) {
      if (o[0] !== 'limit') fail(`unsupported ${base.name} option '${o[0]}'`, base.span);
      cmd.count = Number(o[1]);
    }
    r.expectEnd(base.name);
    return cmd;
  },
  render: (c) => joinParts(c.name, c.expr ? `(${renderEvalExpr(c.expr)})` : String(c.count), c.expr && c.count !== 10 && `limit=${c.count}`),
  children: (c) => (c.expr ? [evalNode(c.expr)] : []),
  outputFields: keepFields,
};

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

export const command = defineCommand<HeadCommand>({ names: ['head'], syntax: headSyntax, spec: head });
