/**
 * eval: "Calculates an expression and puts the resulting value into a search results field ...
 * If the field name that you specify matches a field name that already exists, the values in the
 * existing field are replaced." Comma-separated assignments run left to right, each seeing the
 * ones before it. A null result removes the field.
 *
 * A name with `{field}` in it is dynamic: the braces stand for the value of that field ("eval
 * {aName}=aValue" creates a field named by aName's value: eval, "Use the value of one field as the
 * name for a new field"); when the field is missing the assignment is skipped.
 */
import type { Event } from '../types.js';
import { toText } from '../values.js';
import { compileValue } from './lib/expr.js';
import { streaming } from './lib/streaming.js';
import { fail, describeToken } from '../../spl/context.js';
import { parseEvalExpr } from '../../spl/eval-expr.js';
import { quote, renderEvalExpr } from '../../spl/render.js';
import { addFields } from '../../spl/output-fields.js';
import { evalNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { EvalExpr, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';
import type { ArgReader } from '../../spl/args.js';

export interface EvalCommand extends CommandNodeBase {
  cmd: 'eval';
  assignments: Array<{ field: string; expr: EvalExpr }>;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    eval: EvalCommand;
  }
}

/**
 * The field an eval assigns: quoted ('x y' or "x y"), or a bare name up to `=` or whitespace.
 * Bare names may hold characters an expression would not accept (`cpu:mem`, `feature_-value`).
 */
function assignTarget(r: ArgReader): string {
  const t = r.s.peekEval();
  if (t.kind === 'field' || t.kind === 'string') {
    r.s.nextEval();
    return t.value;
  }
  const text = r.s.text;
  const start = r.s.pos;
  let i = start;
  while (i < r.s.end && !/[\s=,()"']/.test(text[i])) i++;
  if (i === start) return fail(`expected a field name to assign but found ${describeToken(t)}`, t);
  r.s.pos = i;
  return text.slice(start, i);
}

/** `eval <field>=<expression> [, <field>=<expression>]...` */
const syntax: CommandSyntax<EvalCommand> = {
  cmd: 'eval',
  parse(r, base) {
    const assignments: Array<{ field: string; expr: EvalExpr }> = [];
    do {
      const field = assignTarget(r);
      const eq = r.s.nextEval();
      if (eq.kind !== 'op' || eq.raw !== '=') fail(`expected '=' after '${field}' but found ${describeToken(eq)}`, eq);
      assignments.push({ field, expr: parseEvalExpr(r.s, r.ctx) });
    } while (r.s.peekEval().kind === ',' && r.s.nextEval());
    r.expectEnd('eval');
    return { ...base, cmd: 'eval', assignments };
  },
  render: (c) => `eval ${c.assignments.map((a) => `${/^[^\s=,()"']+$/.test(a.field) ? a.field : quote(a.field, false)}=${renderEvalExpr(a.expr)}`).join(', ')}`,
  children: (c) => c.assignments.map((a) => evalNode(a.expr)),
  outputFields: (before, c) => addFields(before, ...c.assignments.map((a) => a.field)),
};

/** The field name an assignment writes, with `{field}` replaced by that field's value. */
function targetName(field: string): (event: Event) => string | undefined {
  if (!/\{[^{}]+\}/.test(field)) return () => field;
  return (event) => {
    let missing = false;
    const name = field.replace(/\{([^{}]+)\}/g, (_m, ref: string) => {
      const v = toText(event[ref]);
      if (v === undefined) missing = true;
      return v ?? '';
    });
    return missing || name === '' ? undefined : name;
  };
}

export const evalCommand = streaming<EvalCommand>((command, ctx) => {
  const steps = command.assignments.map((a) => ({ field: targetName(a.field), value: compileValue(a.expr, ctx.evalContext) }));
  return (event) => {
    const out = { ...event };
    for (const step of steps) {
      const field = step.field(out);
      if (field === undefined) continue;
      const v = step.value(out);
      if (v === undefined) delete out[field];
      else out[field] = v;
    }
    return out;
  };
});

export const command = defineCommand<EvalCommand>({ names: ['eval'], syntax, spec: evalCommand });
