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
import type { EvalCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import { toText } from '../values.js';
import { compileValue } from './lib/expr.js';
import { streaming } from './lib/streaming.js';

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
