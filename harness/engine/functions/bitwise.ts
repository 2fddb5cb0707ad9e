/**
 * Bitwise functions (Search Reference: "Bitwise functions"): bit_and, bit_or, bit_xor,
 * bit_not, bit_shift_left, bit_shift_right, on non-negative integers (as BigInt so values
 * beyond 32 bits keep their bits). Non-integer, negative, null or non-numeric arguments give null.
 */
import { eager, num } from './helpers.js';
import type { EvalFunction, EvalValue } from './types.js';

function bits(v: EvalValue): bigint | null {
  const n = num(v);
  if (n === null || !Number.isInteger(n) || n < 0 || !Number.isSafeInteger(n)) return null;
  return BigInt(n);
}

function fold(name: string, op: (a: bigint, b: bigint) => bigint): EvalFunction {
  return eager(name, 2, Infinity, (args) => {
    let acc: bigint | null = null;
    for (const a of args) {
      const b = bits(a);
      if (b === null) return null;
      acc = acc === null ? b : op(acc, b);
    }
    return acc === null ? null : Number(acc);
  });
}

export const bitwiseFunctions: EvalFunction[] = [
  fold('bit_and', (a, b) => a & b),
  fold('bit_or', (a, b) => a | b),
  fold('bit_xor', (a, b) => a ^ b),
  /** bit_not(X, BITS): the complement of X within BITS bits (default 32). */
  eager('bit_not', 1, 2, ([x, w]) => {
    const v = bits(x);
    const width = w === undefined ? 32n : bits(w);
    if (v === null || width === null || width > 53n) return null;
    const mask = (1n << width) - 1n;
    return Number(~v & mask);
  }),
  eager('bit_shift_left', 2, 2, ([x, s]) => {
    const v = bits(x);
    const by = bits(s);
    // Past 53 bits the result cannot be a safe number anyway; refusing early also avoids
    // building a huge BigInt for a shift like bit_shift_left(1, 1e9).
    if (v === null || by === null || by > 64n) return null;
    const r = v << by;
    return r > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(r);
  }),
  eager('bit_shift_right', 2, 2, ([x, s]) => {
    const v = bits(x);
    const by = bits(s);
    return v === null || by === null ? null : Number(v >> by);
  }),
];
