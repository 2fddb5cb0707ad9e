/**
 * eval / where expression evaluation with Splunk's semantics (Search Reference: "eval",
 * "where", "Evaluation functions"):
 *
 * - `=` / `==` / `!=` are case-sensitive; `<` `>` `<=` `>=` compare numerically when both sides
 *   are numbers, else as strings; a field whose text is a number is a number;
 * - `+` adds two numbers or concatenates two strings; `-` `*` `/` `%` need numbers; division by
 *   zero gives null; `.` concatenates text (numbers rendered as Splunk renders them);
 * - arithmetic keeps the precision of its operands: products to the fewest significant figures,
 *   sums to the fewest decimals, integers and function results exact, nothing rounded inside
 *   exact() (functions/precision.ts has the rule and its sources);
 * - null (a missing field, `null()`) propagates through arithmetic and concatenation; a
 *   predicate (comparison, LIKE, IN, match() ...) is always TRUE or FALSE, FALSE when an operand
 *   is null (Search Manual, "Predicate expressions": "A predicate expression, when evaluated,
 *   returns either TRUE or FALSE."), so `NOT x="a"` holds for an event without x, as in search;
 * - a comparison, `LIKE` or `IN` on a multivalue field is true when any value satisfies it,
 *   and `!=` is the negation of `=` (as `x!=v` is in search);
 *   arithmetic on a multivalue field gives null; string functions map over the values;
 * - booleans cannot be assigned to a field ("Numbers and strings can be assigned to fields,
 *   while booleans cannot be assigned": eval usage), see `toFieldValue`.
 */
import type { EvalExpr, Span } from '../spl/ast.js';
import type { Event, FieldValue, Scalar } from './types.js';
import { compareValues } from './values.js';
import { functions } from './functions/index.js';
import { num, text, truthy } from './functions/helpers.js';
import { compileLike } from './functions/compare.js';
import { combinedPrecision, literalValue, measureValue, settle, settledValue, arithmeticPrecision, type Measured } from './functions/precision.js';
import { EvalError } from './functions/types.js';
import type { CompiledEval, EvalContext, EvalValue } from './functions/types.js';

export { EvalError };
export type { CompiledEval, EvalContext, EvalValue };

/** Whether a condition holds: where keeps a row, if() takes its first branch. Null is false. */
export function isTruthy(v: EvalValue): boolean {
  return truthy(v);
}

/**
 * What eval assigns: null removes the field (undefined), a multivalue keeps its values, a
 * boolean is an error as in Splunk ("Fields cannot be assigned a boolean result").
 */
export function toFieldValue(v: EvalValue, span?: Span): FieldValue | undefined {
  if (v === null) return undefined;
  if (typeof v === 'boolean') {
    throw new EvalError('Fields cannot be assigned a boolean result. Instead, try if([bool expr], [expr], [expr])', span);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return v.length === 1 ? v[0] : v;
  }
  if (typeof v === 'number' && Number.isNaN(v)) return 'nan';
  return v;
}

// ---------------------------------------------------------------- comparison helpers

/** A scalar comparable value; booleans compare as their text. */
function scalar(v: Scalar | boolean): Scalar {
  return typeof v === 'boolean' ? (v ? 'True' : 'False') : v;
}

/**
 * Compare two eval values with `test` on the ordering result; any-value semantics for
 * multivalues; false when either side is null.
 */
function compareWith(a: EvalValue, b: EvalValue, test: (c: number) => boolean): boolean {
  if (a === null || b === null) return false;
  if (!Array.isArray(a) && !Array.isArray(b)) return test(compareValues(scalar(a), scalar(b)));
  const as = Array.isArray(a) ? a : [scalar(a)];
  const bs = Array.isArray(b) ? b : [scalar(b)];
  if (as.length === 0 || bs.length === 0) return false;
  for (const x of as) for (const y of bs) if (test(compareValues(x, y))) return true;
  return false;
}

/**
 * Equality as eval sees it: numbers by value, strings case-sensitively, any value of a
 * multivalue. `!=` is "both present and not equal", so a multivalue field holding the value
 * among others is not `!=` to it: the same rule as the search command's `x!=v`.
 */
function equalsWith(a: EvalValue, b: EvalValue, negate: boolean): boolean {
  if (a === null || b === null) return false;
  const equal = typeof a === 'boolean' && typeof b === 'boolean' ? a === b : compareWith(a, b, (c) => c === 0);
  return negate ? !equal : equal;
}

/**
 * `+ - * / %` on two values. Division (and modulo) by zero is null ("Division by zero results in a
 * null field": eval usage, "Numeric calculations"); a NaN operand gives NaN, which prints "nan";
 * an overflow gives the infinities, printed "inf" / "-inf" (same section).
 */
function arithmetic(op: string, a: EvalValue, b: EvalValue): EvalValue {
  if (a === null || b === null || Array.isArray(a) || Array.isArray(b)) return null;
  const x = typeof a === 'number' && Number.isNaN(a) ? NaN : num(a);
  const y = typeof b === 'number' && Number.isNaN(b) ? NaN : num(b);
  if (x === null || y === null) {
    // `+` on two strings concatenates ("name + \"server\"" in the eval docs).
    if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
    return null;
  }
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? null : x / y;
    default:
      return y === 0 ? null : x % y;
  }
}

/** `.` concatenation: text of both sides; a multivalue side concatenates each value. */
function concat(a: EvalValue, b: EvalValue): EvalValue {
  if (a === null || b === null) return null;
  if (Array.isArray(a) || Array.isArray(b)) {
    const as = Array.isArray(a) ? a : [scalar(a)];
    const bs = Array.isArray(b) ? b : [scalar(b)];
    const out: Scalar[] = [];
    for (const x of as) for (const y of bs) out.push((text(x) ?? '') + (text(y) ?? ''));
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  }
  return (text(a) ?? '') + (text(b) ?? '');
}

/** Boolean operators over predicates: null counts as false; the right side runs only when needed. */
function and(a: EvalValue, b: () => EvalValue): boolean {
  return truthy(a) && truthy(b());
}

function or(a: EvalValue, b: () => EvalValue): boolean {
  return truthy(a) || truthy(b());
}

// ---------------------------------------------------------------- compile

/** Unary minus / plus; "-0.50" keeps the decimals its text states. */
function signed(v: EvalValue, sign: number): EvalValue {
  if (Array.isArray(v)) return null;
  const n = num(v);
  if (n === null) return null;
  const decimals = typeof v === 'string' ? /^\s*[+-]?\d*\.(\d*0)\s*$/.exec(v)?.[1].length : undefined;
  return decimals === undefined || decimals > 100 || Math.abs(n) >= 1e21 ? sign * n : (sign * n).toFixed(decimals);
}

/** The comparison operators, as tests on an ordering result. */
const ORDERING: Record<string, (c: number) => boolean> = {
  '=': (c) => c === 0,
  '==': (c) => c === 0,
  '!=': (c) => c !== 0,
  '<': (c) => c < 0,
  '>': (c) => c > 0,
  '<=': (c) => c <= 0,
  '>=': (c) => c >= 0,
};

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compile a node. `exact` is set inside exact(): arithmetic there keeps every digit instead of
 * the precision of its operands (see functions/precision.ts).
 */
function compileNode(expr: EvalExpr, exact = false): CompiledEval {
  switch (expr.type) {
    case 'string': {
      const v = expr.value;
      return () => v;
    }
    case 'number': {
      // "0.230" stays text so the field it is assigned to still states three figures.
      const v = literalValue(expr.raw, expr.value);
      return () => v;
    }
    case 'field': {
      const name = expr.name;
      return (e) => {
        const v = e[name];
        if (v === undefined) return null;
        if (Array.isArray(v)) return v.length === 0 ? null : v.length === 1 ? v[0] : v;
        return v;
      };
    }
    case 'unary': {
      const inner = compileNode(expr.expr, exact);
      if (expr.op === 'NOT') return (e, c) => !truthy(inner(e, c));
      const sign = expr.op === '-' ? -1 : 1;
      return (e, c) => signed(inner(e, c), sign);
    }
    case 'in': {
      const left = compileNode(expr.expr, exact);
      const list = expr.list.map((item) => compileNode(item, exact));
      return (e, c) => {
        const v = left(e, c);
        if (v === null) return false;
        for (const item of list) if (equalsWith(v, item(e, c), false)) return true;
        return false;
      };
    }
    case 'call':
      return compileCall(expr.name, expr.args, expr.span, exact);
    case 'binary':
      return compileBinary(expr.op, expr.left, expr.right, expr.span, exact);
    default: {
      const never: never = expr;
      throw new EvalError(`unknown eval expression ${(never as { type: string }).type}`);
    }
  }
}

function compileCall(name: string, argNodes: EvalExpr[], span: Span, exact: boolean): CompiledEval {
  const fn = functions.get(name.toLowerCase());
  if (!fn) throw new EvalError(`Unknown function '${name}'`, span);
  if (argNodes.length < fn.minArgs || argNodes.length > fn.maxArgs) {
    const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
    throw new EvalError(`The arguments to the '${fn.name}' function are invalid: expected ${expected}, got ${argNodes.length}`, span);
  }
  const inner = exact || fn.exactArguments === true;
  const compileSub = (node: EvalExpr): CompiledEval => compileNode(node, inner);
  return fn.compile(argNodes.map(compileSub), argNodes, span, compileSub);
}

// ---------------------------------------------------------------- arithmetic precision

/** An arithmetic operand: its value and the precision it carries (null: not a number). */
interface Operand {
  value: EvalValue;
  measured: Measured | null;
}

type CompiledOperand = (event: Event, ctx: EvalContext) => Operand;

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

/**
 * An operand of `+ - * / %` with its precision: a literal's from its text (an integer is exact), a
 * field's from the text of its value, a nested operation's from its own operands, exact() and any
 * other function result exact. Inside exact() everything is exact.
 */
function compileOperand(node: EvalExpr, exact: boolean): CompiledOperand {
  if (node.type === 'binary' && ARITHMETIC.has(node.op)) return compileArithmetic(node.op, node.left, node.right, exact);
  if (node.type === 'unary' && (node.op === '-' || node.op === '+') && !exact) {
    const inner = compileOperand(node.expr, exact);
    const sign = node.op === '-' ? -1 : 1;
    return (e, c) => {
      const o = inner(e, c);
      return { value: signed(o.value, sign), measured: o.measured && { ...o.measured, value: sign * o.measured.value } };
    };
  }
  const fn = compileNode(node, exact);
  if (exact || node.type === 'call') {
    return (e, c) => {
      const value = fn(e, c);
      const n = typeof value === 'number' || typeof value === 'string' ? num(value) : null;
      return { value, measured: n === null ? null : { value: n } };
    };
  }
  if (node.type === 'number') {
    const precision = arithmeticPrecision(node.raw);
    return (e, c) => {
      const value = fn(e, c);
      return { value, measured: { value: node.value, ...precision } };
    };
  }
  return (e, c) => {
    const value = fn(e, c);
    const n = typeof value === 'number' || typeof value === 'string' ? num(value) : null;
    return { value, measured: n === null ? null : measureValue(n, value as number | string) };
  };
}

/**
 * `+ - * / %` rounded to the precision of the operands (functions/precision.ts), each step
 * settled before the next reads it (((3*0.5)*2) is 4, as BadMath says calculators disagree).
 */
function compileArithmetic(op: string, leftNode: EvalExpr, rightNode: EvalExpr, exact: boolean): CompiledOperand {
  const l = compileOperand(leftNode, exact);
  const r = compileOperand(rightNode, exact);
  return (e, c) => {
    const a = l(e, c);
    const b = r(e, c);
    const value = arithmetic(op, a.value, b.value);
    if (typeof value !== 'number' || Number.isNaN(value)) return { value, measured: null };
    if (exact || !a.measured || !b.measured) return { value, measured: { value } };
    const settled = settle(combinedPrecision(op, a.measured, b.measured, value));
    return { value: settledValue(settled), measured: settled.measured };
  };
}

function compileBinary(op: string, leftNode: EvalExpr, rightNode: EvalExpr, span: Span, exact: boolean): CompiledEval {
  if (ARITHMETIC.has(op)) {
    const operation = compileArithmetic(op, leftNode, rightNode, exact);
    return (e, c) => operation(e, c).value;
  }
  const l = compileNode(leftNode, exact);
  const r = compileNode(rightNode, exact);
  if (leftNode.type === 'string' && rightNode.type === 'string' && ORDERING[op]) {
    // Two string literals are two strings, compared as text even when they read as numbers
    // ("10" < "9"): only fields and number literals are numbers (Evaluation functions overview:
    // string literals are enclosed in double quotation marks).
    const c = compareText(leftNode.value, rightNode.value);
    const holds = ORDERING[op](c);
    return () => holds;
  }
  switch (op) {
    case 'AND':
      return (e, c) => and(l(e, c), () => r(e, c));
    case 'OR':
      return (e, c) => or(l(e, c), () => r(e, c));
    case 'XOR':
      return (e, c) => truthy(l(e, c)) !== truthy(r(e, c));
    case '=':
    case '==':
      return (e, c) => equalsWith(l(e, c), r(e, c), false);
    case '!=':
      return (e, c) => equalsWith(l(e, c), r(e, c), true);
    case '<':
      return (e, c) => compareWith(l(e, c), r(e, c), (x) => x < 0);
    case '>':
      return (e, c) => compareWith(l(e, c), r(e, c), (x) => x > 0);
    case '<=':
      return (e, c) => compareWith(l(e, c), r(e, c), (x) => x <= 0);
    case '>=':
      return (e, c) => compareWith(l(e, c), r(e, c), (x) => x >= 0);
    case '.':
      return (e, c) => concat(l(e, c), r(e, c));
    case 'LIKE':
      return compileLike(l, r, rightNode);
    default:
      throw new EvalError(`unknown operator ${op}`, span);
  }
}

/**
 * Compile an eval expression once; the closure evaluates it per event. Throws EvalError (with
 * the span) for an unknown function, a wrong argument count or an invalid literal regex.
 */
export function compileEval(expr: EvalExpr): EvalFn {
  const fn = compileNode(expr);
  return (event, ctx) => fn(event, ctx ?? defaultContext());
}

/**
 * The evaluator as commands call it; `ctx` carries the run's "now" (EngineSource.now). When a
 * caller omits it, now() is the wall clock, which makes results time-dependent: pass it.
 */
export type EvalFn = (event: Event, ctx?: EvalContext) => EvalValue;

function defaultContext(): EvalContext {
  return { now: Math.floor(Date.now() / 1000) };
}

const compiled = new WeakMap<EvalExpr, EvalFn>();

/** Evaluate an expression for one event (compiled on first use, cached by AST node). */
export function evaluate(expr: EvalExpr, event: Event, ctx: EvalContext): EvalValue {
  let fn = compiled.get(expr);
  if (!fn) {
    fn = compileEval(expr);
    compiled.set(expr, fn);
  }
  return fn(event, ctx);
}
