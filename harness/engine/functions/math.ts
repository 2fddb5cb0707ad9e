/**
 * Mathematical and statistical eval functions (Search Reference: "Mathematical functions",
 * "Statistical eval functions"): abs, ceil/ceiling, floor, round, sqrt, pow, exp, ln, log,
 * pi, exact, sigfig, random, min, max, avg, sum. Non-numeric or null arguments give null.
 */
import type { EvalExpr } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { compareValues, formatExact, isNumeric } from '../values.js';
import { eager, num, values } from './helpers.js';
import type { CompiledEval, EvalContext, EvalFunction, EvalValue } from './types.js';

function unary(name: string, fn: (x: number) => number | null): EvalFunction {
  return eager(name, 1, 1, ([x]) => {
    const n = num(x);
    if (n === null) return null;
    const r = fn(n);
    if (r === null || Number.isNaN(r)) return null;
    return r === 0 ? 0 : r; // no negative zero: ceil(-0.5) is 0
  });
}

/** Round half away from zero to `digits` decimals (round(2.5) = 3, round(-2.5) = -3). */
export function roundTo(x: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(x) * factor;
  // Correct binary representation error (1.005 * 100 = 100.49999...).
  const rounded = Math.round(Number(scaled.toPrecision(15)));
  const r = (Math.sign(x) * rounded) / factor;
  return r === 0 ? 0 : r; // no negative zero: round(-0.4) is 0
}

/**
 * min(X, ...) / max(X, ...): over all argument values (multivalue arguments included); numbers
 * compare numerically and rank below strings ("strings are greater than numbers").
 */
function extreme(name: 'min' | 'max'): EvalFunction {
  return eager(name, 1, Infinity, (args) => {
    let best: Scalar | undefined;
    for (const v of args.flatMap(values)) {
      if (best === undefined) {
        best = v;
        continue;
      }
      const c = rank(v, best);
      if (name === 'min' ? c < 0 : c > 0) best = v;
    }
    return best === undefined ? null : best;
  });
}

// ---------------------------------------------------------------- sigfig

/** A value with the precision its text carries: significant figures and decimal places. */
interface Measured {
  value: number;
  /** Significant figures, for products and quotients; undefined when exact (unlimited). */
  sig?: number;
  /** Decimal places (negative: tens, hundreds ...), for sums and differences. */
  dec?: number;
}

/**
 * The precision a number's text states: "1.00" has 3 significant figures and 2 decimals, "1111"
 * 4 figures and 0 decimals, "1110" 3 figures (trailing zeros of an integer are not significant),
 * "0.20" 2 figures and 2 decimals.
 */
export function statedPrecision(raw: string): { sig: number; dec: number } | undefined {
  const m = /^\s*[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(raw);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
  const int = m[1];
  const frac = m[2] ?? '';
  const exp = m[3] ? Number(m[3]) : 0;
  const digits = (int + frac).replace(/^0+/, '');
  let sig: number;
  if (m[2] !== undefined) sig = digits.length || Math.max(frac.length, 1);
  else sig = digits.replace(/0+$/, '').length || 1;
  return { sig, dec: frac.length - exp };
}

/** The digit position of the last significant figure of `value` rounded to `sig` figures, as decimals. */
function decimalsOf(value: number, sig: number): number {
  if (value === 0) return sig - 1;
  return sig - 1 - Math.floor(Math.log10(Math.abs(value)));
}

/**
 * sigfig(X): X rounded to the significant figures its operands justify (Mathematical functions,
 * sigfig: "For multiplication and division, the result should have the minimum number of
 * significant figures of all of the operands. For addition and subtraction, the result should
 * have the same number of decimal places as the least precise number of all of the operands";
 * "1.00*1111 = 1111, but sigfig(1.00*1111) returns 1110"; 123.0 + 4.567 gives 127.6). The
 * precision of a literal or a field comes from its text; a function result or a computed field
 * counts as exact.
 */
const sigfig: EvalFunction = {
  name: 'sigfig',
  minArgs: 1,
  maxArgs: 1,
  compile(_args, nodes, _span, compileSub) {
    const measure = measurer(nodes[0], compileSub);
    return (e, c) => {
      const m = measure(e, c);
      if (m === null) return null;
      if (m.dec !== undefined) return roundTo(m.value, m.dec);
      if (m.sig !== undefined) return roundTo(m.value, decimalsOf(m.value, m.sig));
      return m.value;
    };
  },
};

type Measure = (e: Event, c: EvalContext) => Measured | null;

function measurer(node: EvalExpr, compileSub: (node: EvalExpr) => CompiledEval): Measure {
  switch (node.type) {
    case 'number': {
      const stated = statedPrecision(node.raw);
      const m: Measured = { value: node.value, ...stated };
      return () => m;
    }
    case 'unary':
      if (node.op === '-' || node.op === '+') {
        const inner = measurer(node.expr, compileSub);
        const sign = node.op === '-' ? -1 : 1;
        return (e, c) => {
          const m = inner(e, c);
          return m && { ...m, value: sign * m.value };
        };
      }
      break;
    case 'binary':
      if (node.op === '*' || node.op === '/' || node.op === '+' || node.op === '-') {
        const l = measurer(node.left, compileSub);
        const r = measurer(node.right, compileSub);
        const op = node.op;
        return (e, c) => {
          const a = l(e, c);
          const b = r(e, c);
          if (!a || !b) return null;
          if (op === '*' || op === '/') {
            if (op === '/' && b.value === 0) return null;
            const value = op === '*' ? a.value * b.value : a.value / b.value;
            const sigs = [a.sig, b.sig].filter((x): x is number => x !== undefined);
            return { value, sig: sigs.length ? Math.min(...sigs) : undefined };
          }
          const value = op === '+' ? a.value + b.value : a.value - b.value;
          const decs = [a, b].map((m) => m.dec ?? (m.sig !== undefined ? decimalsOf(m.value, m.sig) : undefined)).filter((x): x is number => x !== undefined);
          return { value, dec: decs.length ? Math.min(...decs) : undefined };
        };
      }
      break;
    default:
      break;
  }
  const fn = compileSub(node);
  const isField = node.type === 'field';
  return (e, c) => {
    const v = fn(e, c);
    const n = num(v);
    if (n === null) return null;
    // A field's text states its precision, as a literal's does.
    const stated = isField && typeof v === 'string' ? statedPrecision(v) : undefined;
    return { value: n, ...stated };
  };
}

function rank(a: Scalar, b: Scalar): number {
  const an = isNumeric(a);
  const bn = isNumeric(b);
  if (an !== bn) return an ? -1 : 1;
  return compareValues(a, b);
}

function numbersOf(args: EvalValue[]): number[] {
  const out: number[] = [];
  for (const v of args.flatMap(values)) {
    const n = num(v);
    if (n !== null) out.push(n);
  }
  return out;
}

export const mathFunctions: EvalFunction[] = [
  unary('abs', Math.abs),
  unary('ceil', Math.ceil),
  unary('ceiling', Math.ceil),
  unary('floor', Math.floor),
  unary('sqrt', (x) => (x < 0 ? null : Math.sqrt(x))),
  unary('exp', Math.exp),
  unary('ln', (x) => (x <= 0 ? null : Math.log(x))),
  /**
   * exact(X): "renders the result of a numeric expression with a larger amount of precision in
   * the formatted output": every digit the double holds, as text (ordinary results print 15
   * significant digits, see formatNumber).
   */
  eager('exact', 1, 1, ([x]) => {
    const n = num(x);
    return n === null ? null : formatExact(n);
  }),
  sigfig,
  eager('round', 1, 2, ([x, y]) => {
    const n = num(x);
    const digits = y === undefined ? 0 : num(y);
    if (n === null || digits === null) return null;
    return roundTo(n, Math.trunc(digits));
  }),
  eager('pow', 2, 2, ([x, y]) => {
    const a = num(x);
    const b = num(y);
    if (a === null || b === null) return null;
    const r = a ** b;
    return Number.isNaN(r) ? null : r;
  }),
  eager('log', 1, 2, ([x, y]) => {
    const n = num(x);
    const base = y === undefined ? 10 : num(y);
    if (n === null || base === null || n <= 0 || base <= 0 || base === 1) return null;
    return Math.log(n) / Math.log(base);
  }),
  eager('pi', 0, 0, () => Math.PI),
  eager('random', 0, 0, () => Math.floor(Math.random() * 2 ** 31)),
  extreme('min'),
  extreme('max'),
  eager('sum', 1, Infinity, (args) => {
    const ns = numbersOf(args);
    return ns.length ? ns.reduce((a, b) => a + b, 0) : null;
  }),
  eager('avg', 1, Infinity, (args) => {
    const ns = numbersOf(args);
    return ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : null;
  }),
];
