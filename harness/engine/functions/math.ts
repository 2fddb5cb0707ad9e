/**
 * Mathematical and statistical eval functions (Search Reference: "Mathematical functions",
 * "Statistical eval functions"): abs, ceil/ceiling, floor, round, sqrt, pow, exp, ln, log,
 * pi, exact, random, min, max, avg, sum. Non-numeric or null arguments give null.
 */
import type { Scalar } from '../types.js';
import { compareValues, isNumeric } from '../values.js';
import { eager, num, values } from './helpers.js';
import type { EvalFunction, EvalValue } from './types.js';

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
  unary('exact', (x) => x),
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
