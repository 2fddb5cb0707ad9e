/**
 * The one place where commands reach the eval engine: compiled eval expressions as functions of an
 * event, reduced to what commands need (a field value, or a truth value for `where`-like tests).
 * Every function takes the run's eval context, so now() is the run's reference time.
 */
import type { EvalExpr } from '../../../spl/ast.js';
import type { Event, FieldValue } from '../../types.js';
import { compileEval, isTruthy, toFieldValue, type EvalContext, type EvalValue } from '../../eval.js';

export type { EvalContext };
export type ValueFn = (event: Event) => FieldValue | undefined;
export type TestFn = (event: Event) => boolean;

/** An eval expression as a function giving the field value an `eval` assignment would store (null → undefined). */
export function compileValue(expr: EvalExpr, ctx: EvalContext): ValueFn {
  const fn = compileEval(expr);
  return (event) => toFieldValue(fn(event, ctx), expr.span);
}

/** An eval expression as a condition (`where`, `head (x<5)`). */
export function compileTest(expr: EvalExpr, ctx: EvalContext): TestFn {
  const fn = compileEval(expr);
  return (event) => isTruthy(fn(event, ctx));
}

/** The raw result of an expression, for callers that must tell a boolean from a value. */
export function compileRaw(expr: EvalExpr, ctx: EvalContext): (event: Event) => EvalValue {
  const fn = compileEval(expr);
  return (event) => fn(event, ctx);
}
