/**
 * Conversion and informational functions (Search Reference: "Conversion functions",
 * "Informational functions"): tostring, tonumber, printf, isnull, isnotnull, isnum, isint,
 * isstr, isbool, typeof.
 */
import type { EvalExpr } from '../../spl/ast.js';
import type { Scalar } from '../types.js';
import { formatNumber, isNumeric } from '../values.js';
import { eager, fromList, mapText, num, text, values } from './helpers.js';
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
 * tostring(X, Y): a number as text, optionally "hex" (0x-prefixed hexadecimal), "binary"
 * (base 2), "commas" (thousands separators, two decimals) or "duration" (seconds as HH:MM:SS); a boolean as
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
      case 'hex':
        return (n < 0 ? '-0x' : '0x') + Math.trunc(Math.abs(n)).toString(16).toUpperCase();
      case 'binary':
        return (n < 0 ? '-' : '') + Math.trunc(Math.abs(n)).toString(2);
      case 'commas':
        return commas(n);
      case 'duration':
        return duration(n);
      default:
        return text(v) ?? '';
    }
  };
  const vs = values(x).map(convert);
  return vs.length === 1 ? vs[0] : vs;
});

/**
 * tonumber(X, BASE): X parsed in BASE (2..36, default 10); null when it does not parse,
 * including text with leading or trailing spaces ("If the tonumber function cannot parse a field
 * value to a number, for example if the value contains a leading and trailing space, the
 * function returns NULL": Conversion functions, tonumber usage).
 */
const tonumber = eager('tonumber', 1, 2, ([x, b]) => {
  const base = b === undefined ? 10 : num(b);
  if (x === null || base === null || base < 2 || base > 36) return null;
  if (typeof x === 'number') return base === 10 ? x : null;
  return mapText(x, (t) => {
    if (t !== t.trim()) return null;
    if (base === 10) return isNumeric(t) ? Number(t) : null;
    const body = base === 16 ? t.replace(/^([+-]?)0x/i, '$1') : t;
    const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
    if (!new RegExp(`^[+-]?[${digits}]+$`, 'i').test(body)) return null;
    return parseInt(body, base);
  });
});

/** Thousands separators in the integer part of a formatted number (the `'` flag). */
function groupThousands(body: string): string {
  return body.replace(/^([+\- ]?)(\d+)/, (_m, sign: string, int: string) => sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

/** C's %e text: mantissa, "e", sign and at least two exponent digits. */
function exponential(n: number, precision: number): string {
  return n.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * C's %g: precision P (default 6, 0 read as 1) significant digits; exponent form when the
 * exponent X is below -4 or at least P, else fixed with P-1-X decimals; trailing zeros (and a
 * trailing point) removed unless the `#` flag is given.
 */
function general(n: number, p: number, keepZeros: boolean): string {
  const precision = p === 0 ? 1 : p;
  if (n === 0) return keepZeros ? (0).toFixed(precision - 1) : '0';
  const x = Number(n.toExponential(precision - 1).split('e')[1]);
  let body = x < -4 || x >= precision ? exponential(n, precision - 1) : n.toFixed(Math.max(0, precision - 1 - x));
  if (!keepZeros) body = body.replace(/\.?0+(?=e|$)/, (m) => (m.startsWith('.') || body.includes('.') ? '' : m));
  return body;
}

/** C's %a: hexadecimal floating point, "0x1.8p+1" for 3; precision digits after the point when given. */
function hexFloat(n: number, precision: number | undefined): string {
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  let a = Math.abs(n);
  if (!Number.isFinite(a)) return sign + (Number.isNaN(a) ? 'nan' : 'inf');
  if (a === 0) return `${sign}0x0${precision ? '.' + '0'.repeat(precision) : ''}p+0`;
  let exp = Math.floor(Math.log2(a));
  if (a / 2 ** exp >= 2) exp++;
  if (a / 2 ** exp < 1) exp--;
  a = a / 2 ** exp - 1; // the fraction after the leading 1
  let digits = '';
  for (let i = 0; i < 13 && a > 0; i++) {
    a *= 16;
    const d = Math.floor(a);
    digits += d.toString(16);
    a -= d;
  }
  let lead = 1;
  if (precision !== undefined) {
    if (digits.length > precision) {
      // Round the hex fraction to `precision` digits, half up.
      const scaled = BigInt('0x1' + digits.slice(0, precision)) + (parseInt(digits[precision], 16) >= 8 ? 1n : 0n);
      const t = scaled.toString(16);
      lead = parseInt(t.slice(0, t.length - precision), 16);
      digits = t.slice(t.length - precision);
      if (lead === 2) {
        lead = 1;
        exp++;
      }
    } else digits = digits.padEnd(precision, '0');
  }
  return `${sign}0x${lead}${digits ? '.' + digits : ''}p${exp >= 0 ? '+' : '-'}${Math.abs(exp)}`;
}

/**
 * printf(FORMAT, ARGS...): C-style formatting (Conversion functions, printf): conversions
 * %a %A %c %d %i %e %E %f %F %g %G %o %s %u %x %X %p (as %x) and %%; flags `-` `+` space `0` `#`
 * and `'` (thousands separators); width and precision, also as `*`; the C length modifiers
 * (h hh l ll L q j z Z t) are read and ignored, so `%zd` is `%d`.
 */
export function printf(format: string, args: EvalValue[]): string {
  let argIndex = 0;
  const next = (): EvalValue => (argIndex < args.length ? args[argIndex++] : null);
  return format.replace(/%([-+ 0'#]*)(\*|\d+)?(?:\.(\*|\d*))?(?:hh|ll|[hlLqjzZt])?([sdiufFeEgGxXocaAp%])/g, (whole, flags: string, w, p, conv: string) => {
    if (conv === '%') return '%';
    // Widths beyond a few thousand characters are refused rather than padded (printf("%999999999d")).
    let width = w === '*' ? (num(next()) ?? 0) : w ? Number(w) : 0;
    if (width < 0) {
      flags += '-';
      width = -width;
    }
    width = Math.min(width, 10_000);
    const requested = p === '*' ? (num(next()) ?? undefined) : p !== undefined ? Number(p || 0) : undefined;
    // toFixed / toExponential accept at most 100 digits; a negative precision is as if omitted.
    const precision = requested === undefined || requested < 0 ? undefined : Math.min(requested, 100);
    const arg = next();
    let body: string;
    const n = num(arg) ?? 0;
    const alt = flags.includes('#');
    switch (conv) {
      case 's':
        body = text(arg) ?? '';
        if (precision !== undefined) body = Array.from(body).slice(0, precision).join('');
        break;
      case 'd':
      case 'i':
      case 'u':
        body = Math.trunc(n).toString();
        if (precision !== undefined) body = body.replace(/^(-?)(\d+)/, (_m, s: string, d: string) => s + d.padStart(precision, '0'));
        break;
      case 'f':
      case 'F':
        body = n.toFixed(precision ?? 6);
        if (alt && !body.includes('.')) body += '.';
        break;
      case 'e':
      case 'E':
        body = exponential(n, precision ?? 6);
        break;
      case 'g':
      case 'G':
        body = general(n, precision ?? 6, alt);
        break;
      case 'a':
      case 'A':
        body = hexFloat(n, precision);
        break;
      case 'x':
      case 'X':
      case 'o':
      case 'p':
        body = Math.trunc(Math.abs(n)).toString(conv === 'o' ? 8 : 16);
        if (n < 0) body = '-' + body;
        if (alt && n !== 0) body = body.replace(/^(-?)/, conv === 'o' ? '$10' : '$10x');
        break;
      case 'c':
        body = typeof arg === 'number' ? String.fromCodePoint(arg) : (Array.from(text(arg) ?? '')[0] ?? '');
        break;
      default:
        return whole;
    }
    if (/[EGAX]/.test(conv)) body = body.toUpperCase();
    if (flags.includes("'") && /[diufFgG]/.test(conv)) body = groupThousands(body);
    if (/[difFeEgGaA]/.test(conv) && !body.startsWith('-')) {
      if (flags.includes('+')) body = '+' + body;
      else if (flags.includes(' ')) body = ' ' + body;
    }
    if (body.length < width) {
      if (flags.includes('-')) body = body.padEnd(width);
      else if (flags.includes('0') && /[diufFeEgGxXoaAp]/.test(conv) && !(precision !== undefined && /[diuxXo]/.test(conv))) {
        const prefix = /^[+\- ]?(?:0[xX])?/.exec(body)![0];
        body = prefix + body.slice(prefix.length).padStart(width - prefix.length, '0');
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
function typePredicate(name: string, test: (x: EvalValue, literalString: boolean, node: EvalExpr | undefined) => EvalValue): EvalFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    compile([arg], nodes) {
      const literal = nodes[0]?.type === 'string';
      return (e, c) => test(arg(e, c), literal, nodes[0]);
    },
  };
}

/**
 * typeof(X): "Number", "String", "Boolean", "Invalid" (null), "Multivalue". A computed NaN is a
 * number (the double special value "nan": eval usage, "Numeric calculations").
 */
function typeOf(x: EvalValue, literalString: boolean): string {
  if (x === null) return 'Invalid';
  if (typeof x === 'boolean') return 'Boolean';
  if (Array.isArray(x)) return 'Multivalue';
  if (typeof x === 'number') return 'Number';
  return !literalString && isNumeric(x) ? 'Number' : 'String';
}

/**
 * isdouble(X): a number written or computed with a fractional part: a literal or field text with
 * a decimal point or exponent (2.0 is a double, 2 an integer), a computed non-integer.
 */
function isDouble(x: EvalValue, literalString: boolean, node: EvalExpr | undefined): boolean {
  if (typeOf(x, literalString) !== 'Number') return false;
  if (node?.type === 'number') return /[.eE]/.test(node.raw);
  if (typeof x === 'number') return !Number.isInteger(x);
  return /[.eE]/.test(String(x));
}

function parsedJson(x: EvalValue): unknown {
  if (typeof x !== 'string') return undefined;
  const t = x.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** A JSON element as a field value: scalars as text, structures as JSON text. */
function jsonElement(v: unknown): Scalar | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** tobool(X): true/false from a Boolean, the text "true"/"false" (any case) or a number (0 is false). */
function toBool(x: EvalValue): EvalValue {
  if (typeof x === 'boolean') return x;
  if (x === null || Array.isArray(x)) return null;
  if (typeof x === 'string') {
    const t = x.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  const n = num(x);
  return n === null ? null : n !== 0;
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
  typePredicate('isdouble', isDouble),
  typePredicate('ismv', (x) => Array.isArray(x)),
  typePredicate('isarray', (x) => Array.isArray(parsedJson(x))),
  typePredicate('isobject', (x) => {
    const v = parsedJson(x);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }),
  /** toint(X): the integer part of a number (or numeric text); null when X is not a number. */
  eager('toint', 1, 1, ([x]) => {
    if (typeof x === 'boolean') return x ? 1 : 0;
    return mapNumbers(x, (n) => {
      const r = Math.trunc(n);
      return r === 0 ? 0 : r;
    });
  }),
  /** todouble(X): the number X denotes; null when X is not a number. */
  eager('todouble', 1, 1, ([x]) => (typeof x === 'boolean' ? (x ? 1 : 0) : mapNumbers(x, (n) => n))),
  eager('tobool', 1, 1, ([x]) => toBool(x)),
  /** tomv(X): a JSON array's elements as a multivalue; any other value as it is. */
  eager('tomv', 1, 1, ([x]) => {
    const v = parsedJson(x);
    if (!Array.isArray(v)) return x;
    return fromList(v.map(jsonElement).filter((e): e is Scalar => e !== null));
  }),
  /** toarray(X): a multivalue (or one value) as a JSON array; a JSON array as it is. */
  eager('toarray', 1, 1, ([x]) => {
    if (x === null) return null;
    const v = parsedJson(x);
    if (Array.isArray(v)) return JSON.stringify(v);
    return JSON.stringify(values(x).map((e) => (typeof e === 'number' ? e : e)));
  }),
  /** toobject(X): a JSON object as compact JSON text; null for anything else. */
  eager('toobject', 1, 1, ([x]) => {
    const v = parsedJson(x);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : null;
  }),
];

/** Apply `fn` to the number of each value; values that are not numbers give null (and are dropped). */
function mapNumbers(x: EvalValue, fn: (n: number) => number): EvalValue {
  if (x === null || typeof x === 'boolean') return null;
  if (Array.isArray(x))
    return fromList(
      x
        .map((v) => num(v))
        .filter((n): n is number => n !== null)
        .map(fn),
    );
  const n = num(x);
  return n === null ? null : fn(n);
}
