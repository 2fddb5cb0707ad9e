/**
 * Trigonometry and hyperbolic functions (Search Reference: "Trig and Hyperbolic functions"):
 * acos, acosh, asin, asinh, atan, atan2, atanh, cos, cosh, hypot, sin, sinh, tan, tanh.
 * Angles are in radians; an argument outside the domain, null or non-numeric, gives null.
 */
import { eager, num } from './helpers.js';
import type { EvalFunction } from './types.js';

function unary(name: string, fn: (x: number) => number): EvalFunction {
  return eager(name, 1, 1, ([x]) => {
    const n = num(x);
    if (n === null) return null;
    const r = fn(n);
    return Number.isFinite(r) ? r : null;
  });
}

function binary(name: string, fn: (a: number, b: number) => number): EvalFunction {
  return eager(name, 2, 2, ([x, y]) => {
    const a = num(x);
    const b = num(y);
    if (a === null || b === null) return null;
    const r = fn(a, b);
    return Number.isFinite(r) ? r : null;
  });
}

export const trigFunctions: EvalFunction[] = [
  unary('acos', Math.acos),
  unary('acosh', Math.acosh),
  unary('asin', Math.asin),
  unary('asinh', Math.asinh),
  unary('atan', Math.atan),
  binary('atan2', Math.atan2),
  unary('atanh', Math.atanh),
  unary('cos', Math.cos),
  unary('cosh', Math.cosh),
  binary('hypot', Math.hypot),
  unary('sin', Math.sin),
  unary('sinh', Math.sinh),
  unary('tan', Math.tan),
  unary('tanh', Math.tanh),
];
