/**
 * Conversion and informational functions (Search Reference: "Conversion functions",
 * "Informational functions"): tostring, tonumber, printf, isnull, isnotnull, isnum, isint,
 * isstr, isbool, typeof.
 */
import type { Scalar } from '../types.js';
import { formatNumber, isNumeric } from '../values.js';
import { eager, mapText, num, text, values } from './helpers.js';
import { roundTo } from './math.js';
import type { EvalFunction, EvalValue } from './types.js';

/** 1234567.891 → "1,234,567.89": thousands separators, decimals rounded to two places. */
function commas(n: number): string {
  const r = Number.isInteger(n) ? n : roundTo(n, 2);
  const [int, frac] = formatNumber(Math.abs(r)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (r < 0 ? '-' : '') + grouped + (frac ? '.' + frac : '');
}

/** Seconds → "[D+]HH:MM:SS" (tostring(X, "duration")). */
function duration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let s = Math.floor(Math.abs(seconds));
  const days = Math.floor(s / 86_400);
  s -= days * 86_400;
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${sign}${days ? days + '+' : ''}${hh}:${mm}:${ss}`;
}

/**
 * tostring(X, Y): a number as text, optionally "hex" (0x-prefixed hexadecimal), "commas"
 * (thousands separators, two decimals) or "duration" (seconds as HH:MM:SS); a boolean as
 * "True"/"False"; a multivalue field value by value.
 */
const tostring = eager('tostring', 1, 2, ([x, y]) => {
  if (x === null) return null;
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  const format = y === undefined ? undefined : text(y);
  if (y !== undefined && format === null) return null;
  const convert = (v: Scalar): Scalar => {
    if (!format) return text(v) ?? '';
    const n = num(v);
    if (n === null) return text(v) ?? '';
    switch (format.toLowerCase()) {
      case 'hex': return (n < 0 ? '-0x' : '0x') + Math.trunc(Math.abs(n)).toString(16).toUpperCase();
      case 'commas': return commas(n);
      case 'duration': return duration(n);
      default: return text(v) ?? '';
    }
  };
  const vs = values(x).map(convert);
  return vs.length === 1 ? vs[0] : vs;
});

/** tonumber(X, BASE): X parsed in BASE (2..36, default 10); null when it does not parse. */
const tonumber = eager('tonumber', 1, 2, ([x, b]) => {
  const base = b === undefined ? 10 : num(b);
  if (x === null || base === null || base < 2 || base > 36) return null;
  return mapText(x, (s) => {
    const t = s.trim();
    if (base === 10) return isNumeric(t) ? Number(t) : null;
    const body = base === 16 ? t.replace(/^([+-]?)0x/i, '$1') : t;
    const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
    if (!new RegExp(`^[+-]?[${digits}]+$`, 'i').test(body)) return null;
    return parseInt(body, base);
  });
});

/**
 * printf(FORMAT, ARGS...): C-style formatting with %s %d %i %u %f %F %e %E %g %G %x %X %o %c %%,
 * flags (- + space 0 ' #), width and precision (also `*`).
 */
export function printf(format: string, args: EvalValue[]): string {
  let argIndex = 0;
  const next = (): EvalValue => (argIndex < args.length ? args[argIndex++] : null);
  return format.replace(/%([-+ 0'#]*)(\*|\d+)?(?:\.(\*|\d+))?([sdiufFeEgGxXoc%])/g, (whole, flags: string, w, p, conv: string) => {
    if (conv === '%') return '%';
    // Widths beyond a few thousand characters are refused rather than padded (printf("%999999999d")).
    const width = Math.min(w === '*' ? num(next()) ?? 0 : w ? Number(w) : 0, 10_000);
    const requested = p === '*' ? num(next()) ?? undefined : p !== undefined ? Number(p) : undefined;
    // toFixed / toExponential accept at most 100 digits.
    const precision = requested === undefined ? undefined : Math.max(0, Math.min(requested, 100));
    const arg = next();
    let body: string;
    const n = num(arg) ?? 0;
    switch (conv) {
      case 's':
        body = text(arg) ?? '';
        if (precision !== undefined) body = body.slice(0, precision);
        break;
      case 'd': case 'i': case 'u':
        body = Math.trunc(n).toString();
        if (flags.includes("'")) body = body.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        break;
      case 'f': case 'F':
        body = n.toFixed(precision ?? 6);
        if (flags.includes("'")) body = body.replace(/^(-?\d+)/, (i) => i.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
        break;
      case 'e': case 'E':
        body = n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
        if (conv === 'E') body = body.toUpperCase();
        break;
      case 'g': case 'G':
        body = String(Number(n.toPrecision(precision || 6)));
        if (conv === 'G') body = body.toUpperCase();
        break;
      case 'x': case 'X': case 'o':
        body = Math.trunc(n).toString(conv === 'o' ? 8 : 16);
        if (flags.includes('#') && n !== 0) body = (conv === 'o' ? '0' : '0x') + body;
        if (conv === 'X') body = body.toUpperCase();
        break;
      case 'c':
        body = typeof arg === 'number' ? String.fromCharCode(arg) : (text(arg) ?? '').slice(0, 1);
        break;
      default:
        return whole;
    }
    if (/[dioufFeEgG]/.test(conv) && n >= 0) {
      if (flags.includes('+')) body = '+' + body;
      else if (flags.includes(' ')) body = ' ' + body;
    }
    if (body.length < width) {
      if (flags.includes('-')) body = body.padEnd(width);
      else if (flags.includes('0') && /[diufFeEgGxXo]/.test(conv)) {
        const sign = /^[+\- ]/.test(body) ? body[0] : '';
        body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
      } else body = body.padStart(width);
    }
    return body;
  });
}

/**
 * Type predicates see a string literal as a string even when its text is a number
 * (typeof("12") is String), while a field whose text is a number is a Number, as Splunk types
 * extracted values by their content.
 */
function typePredicate(name: string, test: (x: EvalValue, literalString: boolean) => EvalValue): EvalFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    compile([arg], nodes) {
      const literal = nodes[0]?.type === 'string';
      return (e, c) => test(arg(e, c), literal);
    },
  };
}

/** typeof(X): "Number", "String", "Boolean", "Invalid" (null), "Multivalue". */
function typeOf(x: EvalValue, literalString: boolean): string {
  if (x === null) return 'Invalid';
  if (typeof x === 'boolean') return 'Boolean';
  if (Array.isArray(x)) return 'Multivalue';
  return !literalString && isNumeric(x) ? 'Number' : 'String';
}

export const conversionFunctions: EvalFunction[] = [
  tostring,
  tonumber,
  eager('printf', 1, Infinity, ([f, ...rest]) => {
    const format = text(f);
    return format === null ? null : printf(format, rest);
  }),
  eager('isnull', 1, 1, ([x]) => x === null),
  eager('isnotnull', 1, 1, ([x]) => x !== null),
  typePredicate('isnum', (x, lit) => typeOf(x, lit) === 'Number'),
  typePredicate('isint', (x, lit) => typeOf(x, lit) === 'Number' && Number.isInteger(Number(x))),
  typePredicate('isstr', (x, lit) => typeOf(x, lit) === 'String'),
  typePredicate('isbool', (x) => typeof x === 'boolean'),
  typePredicate('typeof', typeOf),
];
