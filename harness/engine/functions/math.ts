/**
 * Mathematical and statistical eval functions (Search Reference: "Mathematical functions",
 * "Statistical eval functions"): abs, ceil/ceiling, floor, round, sqrt, pow, exp, ln, log,
 * pi, exact, sigfig, random, min, max, avg, sum. Non-numeric or null arguments give null.
 */
import type { EvalExpr } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { compareValues, formatExact, isNumeric } from '../values.js';
import { eager, num, values } from './helpers.js';
import { decimalsForFigures, roundHalfAway, statedPrecision, type Measured } from './precision.js';
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

/** Round half away from zero to `digits` decimals (round(2.5) = 3, round(-2.5) = -3, round(-0.4) = 0). */
export function roundTo(x: number, digits: number): number {
  return roundHalfAway(x, digits);
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

/**
 * sigfig(X): X rounded to the significant figures its operands justify (Mathematical functions,
 * sigfig: "For multiplication and division, the result should have the minimum number of
 * significant figures of all of the operands. For addition and subtraction, the result should
 * have the same number of decimal places as the least precise number of all of the operands";
 * "1.00*1111 = 1111, but sigfig(1.00*1111) returns 1110"; 123.0 + 4.567 gives 127.6). The
 * precision of a literal or a field comes from its text, integers included (1111 has 4 figures,
 * where plain arithmetic counts an integer as exact); a function result counts as exact.
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
      if (m.sig !== undefined) return roundTo(m.value, decimalsForFigures(m.value, m.sig));
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
          const decs = [a, b]
            .map((m) => m.dec ?? (m.sig !== undefined ? decimalsForFigures(m.value, m.sig) : undefined))
            .filter((x): x is number => x !== undefined);
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
   * the formatted output": the arithmetic inside X is not rounded to its operands' precision
   * (Community:BadMath: exact(3 * 0.5) is 1.5 where 3 * 0.5 is 2; see precision.ts), and the
   * result prints every digit the double holds, as text. As an operand, exact(X) is exact:
   * 8.250*exact(0.2) keeps the four figures of 8.250.
   */
  {
    ...eager('exact', 1, 1, ([x]) => {
      const n = num(x);
      return n === null ? null : formatExact(n);
    }),
    exactArguments: true,
  },
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
