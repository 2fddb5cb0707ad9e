/** Conversions between eval values used by the function families. */
import type { Scalar } from '../types.js';
import { formatNumber, isNumeric } from '../values.js';
import type { CompiledEval, EvalContext, EvalFunction, EvalValue } from './types.js';
import type { Event } from '../types.js';

/** Text of a single value: numbers as Splunk prints them, booleans as True / False. */
export function text(v: EvalValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return v.length ? text(v[0]) : null;
}

/** The number a single value denotes, null when it is not numeric (or is a multivalue). */
export function num(v: EvalValue): number | null {
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'string') return isNumeric(v) ? Number(v) : null;
  if (Array.isArray(v) && v.length === 1) return num(v[0]);
  return null;
}

/** The values of an eval value as a list: [] for null, one for a scalar. Booleans render as text. */
export function values(v: EvalValue): Scalar[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'boolean') return [v ? 'True' : 'False'];
  return [v];
}

/** A list of values back to an eval value: null for none, the scalar for one. */
export function fromList(list: Scalar[]): EvalValue {
  if (list.length === 0) return null;
  return list.length === 1 ? list[0] : list;
}

/**
 * Apply a text function to each value: Splunk's string functions given a multivalue field
 * return the multivalue of their results (e.g. `lower(mv)`); null stays null.
 */
export function mapText(v: EvalValue, fn: (s: string) => Scalar | null): EvalValue {
  if (v === null) return null;
  if (Array.isArray(v)) {
    const out: Scalar[] = [];
    for (const x of v) {
      const r = fn(text(x) ?? '');
      if (r !== null) out.push(r);
    }
    return fromList(out);
  }
  return fn(text(v) ?? '');
}

/** Strict truthiness for conditions: true only for boolean true (or a number / text meaning true). */
export function truthy(v: EvalValue): boolean {
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '' && v.toLowerCase() !== 'false' && v !== '0';
  return v.length > 0 && truthy(v[0]);
}

/** Define a function whose arguments are all evaluated first (most functions). */
export function eager(name: string, minArgs: number, maxArgs: number, fn: (args: EvalValue[], ctx: EvalContext) => EvalValue): EvalFunction {
  return {
    name,
    minArgs,
    maxArgs,
    compile(args: CompiledEval[]): CompiledEval {
      if (args.length === 0) return (_e: Event, ctx) => fn([], ctx);
      if (args.length === 1) {
        const [a] = args;
        return (e, ctx) => fn([a(e, ctx)], ctx);
      }
      if (args.length === 2) {
        const [a, b] = args;
        return (e, ctx) => fn([a(e, ctx), b(e, ctx)], ctx);
      }
      return (e, ctx) =>
        fn(
          args.map((a) => a(e, ctx)),
          ctx,
        );
    },
  };
}

/** The literal string value of an argument AST, when it is one (lets regexes compile once). */
export function literalString(node: { type: string; value?: unknown } | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}
