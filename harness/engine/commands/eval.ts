/**
 * eval: "Calculates an expression and puts the resulting value into a search results field ...
 * If the field name that you specify matches a field name that already exists, the values in the
 * existing field are replaced." Comma-separated assignments run left to right, each seeing the
 * ones before it. A null result removes the field.
 */
import type { EvalCommand } from '../../spl/ast.js';
import { compileValue } from './lib/expr.js';
import { streaming } from './lib/streaming.js';

export const evalCommand = streaming<EvalCommand>((command, ctx) => {
  const steps = command.assignments.map((a) => ({ field: a.field, value: compileValue(a.expr, ctx.evalContext) }));
  return (event) => {
    const out = { ...event };
    for (const step of steps) {
      const v = step.value(out);
      if (v === undefined) delete out[step.field];
      else out[step.field] = v;
    }
    return out;
  };
});
