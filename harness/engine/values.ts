/**
 * Value helpers shared by search matching, eval and the commands.
 *
 * Splunk stores every field value as text; a value "is a number" when its text reads as one.
 * Numbers produced by eval are kept as JS numbers and rendered the way Splunk renders them
 * (integers without a decimal point, no exponent for ordinary magnitudes).
 */
import type { FieldValue, Scalar } from './types.js';

export type { FieldValue, Scalar };

/**
 * A decimal number as Splunk reads one: optional sign, digits with an optional fraction (or a
 * fraction alone), optional exponent. Surrounding spaces are tolerated as Splunk's tonumber does;
 * hex ("0x1F"), "inf" and "nan" are not numbers here (tonumber(x, 16) handles hex explicitly).
 */
const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** True when `v` is a number or a string whose text is a number. */
export function isNumeric(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isNaN(v);
  if (typeof v !== 'string' || v.length === 0 || v.length >= 400) return false;
  // Most text values fail on their first character; skip the regex for them (hot path).
  const c = v.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 32 || c === 9)) return false;
  return NUMERIC.test(v);
}

/**
 * The number a value denotes, or undefined when it is not numeric. A multivalue field is numeric
 * only through its single value (Splunk treats a field with several values as not a number).
 */
export function toNumber(v: FieldValue | boolean | null | undefined): number | undefined {
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (typeof v === 'string') return isNumeric(v) ? Number(v) : undefined;
  if (Array.isArray(v) && v.length === 1) return toNumber(v[0]);
  return undefined;
}

/**
 * Render a number as Splunk prints eval results: integers plainly, fractions without trailing
 * zeros and never in exponent form for ordinary magnitudes, NaN as "nan" and the infinities as
 * "inf" / "-inf" (eval usage, "Numeric calculations": "If the calculation results in the
 * floating-point special value NaN, it is represented as "nan" in your results. The special values
 * for positive and negative infinity are represented in your results as "inf" and "-inf"").
 *
 * A fraction keeps 15 significant digits, the precision a double holds for any decimal, so no
 * binary artefact is printed. Eval arithmetic rounds its results further, to the precision of its
 * operands, before they get here (functions/precision.ts: 8.250*0.2 is 2, 0.1+0.2 is 0.3); a
 * result whose precision keeps trailing zeros is held as its text ("1.650"). exact() asks for "a
 * larger amount of precision in the formatted output" (Mathematical functions, exact):
 * `formatExact` gives every digit the double holds.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Object.is(n, -0)) return '0';
  if (Number.isInteger(n)) return BigInt(n).toString();
  return plainDecimal(Number(n.toPrecision(15)));
}

/** Every significant digit of a double (the shortest text that reads back as the same double). */
export function formatExact(n: number): string {
  if (!Number.isFinite(n) || Number.isInteger(n)) return formatNumber(n);
  return plainDecimal(n);
}

function plainDecimal(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  const text = String(n);
  if (!/e/i.test(text)) return text;
  // Small or huge fractions: expand the exponent so the text stays a plain decimal.
  const fixed = n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' || fixed === '0' ? text : fixed;
}

/**
 * The text of a single value. A multivalue field renders as its first value, which is what
 * Splunk uses where one text is needed (the commands that want every value use `mvValues`).
 * Undefined for a missing field or an empty multivalue.
 */
export function toText(v: FieldValue | boolean | null | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v.length ? toText(v[0]) : undefined;
}

/** Every value of a field: [] when missing, [v] for a single value, the values of a multivalue. */
export function mvValues(v: FieldValue | undefined | null): Scalar[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Codepoint order, the lexicographic order Splunk uses for text. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order two values: numerically when both are numeric, otherwise lexicographically by text
 * (Splunk: "If both values are numbers, compared numerically; otherwise compared as strings").
 */
export function compareValues(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  return compareText(toText(a) ?? '', toText(b) ?? '');
}

/**
 * A value that an aggregation keeps past its event, holding no reference to the event's text. A
 * reader's values are slices of the event's raw text, and V8 keeps the whole text alive for a
 * slice of 13 characters or more: a stats group keeping nine such values kept a 1.6 KB Sysmon
 * event. Concatenating then slicing makes a flat copy of just the value (V8 flattens a
 * concatenation before slicing it).
 */
export function detach<T extends Scalar>(v: T): T {
  return typeof v === 'string' && v.length >= 13 ? ((' ' + v).slice(1) as T) : v;
}

/** `detach` over a multivalue. */
export function detachAll(values: Scalar[]): Scalar[] {
  return values.map(detach);
}

/** Collapse a value list into a field value: undefined for none, a scalar for one, else the list. */
export function fromValues(values: Scalar[]): FieldValue | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}
