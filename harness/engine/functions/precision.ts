/**
 * The precision eval arithmetic keeps: Splunk rounds the result of `*` and `/` to the significant
 * figures of its least precise operand, and (by the sigfig page's rule) `+` and `-` to the decimal
 * places of its least precise operand, instead of printing every digit of the double.
 *
 * Sources, in the order they fix the rule:
 * - Search Reference, sigfig: "For multiplication and division, the result should have the minimum
 *   number of significant figures of all of the operands. For addition and subtraction, the result
 *   should have the same number of decimal places as the least precise number of all of the
 *   operands"; "1.00*1111 = 1111" (plain arithmetic) "but sigfig(1.00*1111) returns 1110".
 * - Splunk community wiki, Community:BadMath: `3 * 0.5` gives 2 while `3 / 2` gives 1.5; wrapping the
 *   arithmetic in exact() gives the unrounded result.
 * - iDelta, "Getting it Right with Splunk" (2021): 0.014*0.23 gives 0.0032, 0.014*0.230 still
 *   0.0032, 0.0140*0.230 gives 0.00322, each operand assigned by its own eval.
 * - Splunk Answers, "Why is Splunk sometimes rounding to the next integer?" (2015, measured
 *   products): 2*0.9 = 2, 2*0.90 = 1.8, 1100*0.9 = 990, 2.1*1024 = 2150, 2.1000*1024 = 2150.4,
 *   2.1*1024.1 = 2151, 2.10000*1024.10 = 2150.61.
 *
 * What they establish: an operand's precision is stated by its text ("0.230" has 3 significant
 * figures and 3 decimals; a field's value by its text too); an integer is exact (2.1000*1024 keeps
 * 5 figures, 3/2 is 1.5); the rounding never removes digits left of the decimal point (1100*0.9 =
 * 990, 2.1*1024 = 2150, 1.00*1111 = 1111); a rounded result prints the decimals it keeps.
 */
import { formatNumber } from '../values.js';

/** A number with the precision arithmetic carries. Both undefined: exact (unlimited). */
export interface Measured {
  value: number;
  /** Significant figures, the limit products and quotients keep. */
  sig?: number;
  /** Decimal places (negative: tens, hundreds ...), the limit sums and differences keep. */
  dec?: number;
}

/**
 * The precision a number's text states: "1.00" has 3 significant figures and 2 decimals, "1111"
 * 4 figures and 0 decimals, "1110" 3 figures (trailing zeros of an integer are not significant),
 * "0.20" 2 figures and 2 decimals. This is sigfig()'s reading, where integers count.
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

/**
 * The precision plain arithmetic reads from a text: that of `statedPrecision`, except that an
 * integer (no decimal point, no exponent) is exact (2.1000*1024 = 2150.4 keeps five figures).
 */
export function arithmeticPrecision(raw: string): { sig?: number; dec?: number } {
  if (!/[.eE]/.test(raw)) return {};
  return statedPrecision(raw) ?? {};
}

/**
 * The precision of a field's value for arithmetic: that of its text, whatever produced it. Splunk
 * passes field values as text: `eval c = 0.5` then `a * c` rounds to the one figure of "0.5"
 * (Community:BadMath), `eval x2 = 0.23` then `x1*x2` to two (iDelta), and rounding a field first
 * changes the precision of later products (Splunk Answers: "the format of x influences the
 * rounding"). An integer is exact.
 */
export function measureValue(value: number, raw: string | number): Measured {
  if (typeof raw === 'number') return Number.isInteger(raw) ? { value } : { value, ...arithmeticPrecision(formatNumber(raw)) };
  return { value, ...arithmeticPrecision(raw) };
}

/** The precision the result of `op` keeps: fewest figures for `*` `/`, fewest decimals for `+` `-` `%`. */
export function combinedPrecision(op: string, a: Measured, b: Measured, value: number): Measured {
  if (op === '*' || op === '/') {
    const sig = minDefined(a.sig, b.sig);
    return sig === undefined ? { value } : { value, sig };
  }
  const dec = minDefined(decimalsOf(a), decimalsOf(b));
  return dec === undefined ? { value } : { value, dec };
}

/** A result rounded to its precision, and the decimals it prints (undefined: as formatNumber prints). */
export interface Settled {
  measured: Measured;
  decimals?: number;
}

/**
 * Round a result to the precision it carries. The rounding never reaches left of the decimal
 * point (1100*0.9 = 990, 2.1*1024 = 2150): a product keeps max(0, figures - integer digits)
 * decimals, a sum max(0, decimals).
 */
export function settle(m: Measured): Settled {
  if (!Number.isFinite(m.value)) return { measured: m };
  let decimals: number | undefined;
  if (m.sig !== undefined) {
    decimals = Math.max(0, decimalsForFigures(m.value, m.sig));
    const rounded = roundHalfAway(m.value, decimals);
    // 9.96 to 2 figures is 10, not 10.0: rounding up added an integer digit.
    if (decimals > 0 && m.value !== 0 && Math.floor(Math.log10(Math.abs(rounded))) > Math.floor(Math.log10(Math.abs(m.value)))) decimals -= 1;
  } else if (m.dec !== undefined) {
    decimals = Math.max(0, m.dec);
  }
  // Beyond 100 decimals (products of tiny magnitudes) a double has no digits left to round.
  if (decimals === undefined || decimals > 100) return { measured: m };
  // The decimals kept are what a later sum reads (2.1*1024 + 0.5 adds to a whole number).
  return { measured: { ...m, value: roundHalfAway(m.value, decimals), dec: decimals }, decimals };
}

/**
 * The eval value of a settled result: the number, or its text when the decimals it keeps end in
 * zeros the number would not print (8.250*exact(0.2) is "1.650", 2*0.99 is "2.0"); that text is
 * a number to every function and comparison, and states its precision to later arithmetic.
 */
export function settledValue(s: Settled): number | string {
  const { value } = s.measured;
  if (s.decimals === undefined || s.decimals === 0 || !Number.isFinite(value) || Math.abs(value) >= 1e21) return value;
  const fixed = value.toFixed(s.decimals);
  const plain = formatNumber(value);
  return fixed === plain || Number(fixed) !== Number(plain) ? value : fixed;
}

/** The text of a number literal as eval keeps it: "0.230" stays "0.230", so its precision survives assignment. */
export function literalValue(raw: string, value: number): number | string {
  const m = /^\s*\+?(\d*)\.(\d*0)\s*$/.exec(raw);
  if (!m || m[2].length > 100 || Math.abs(value) >= 1e21) return value;
  return value.toFixed(m[2].length);
}

/** Half away from zero to `digits` decimals, correcting the binary error of the scaling (1.005). */
export function roundHalfAway(x: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(x) * factor;
  const rounded = Math.round(Number(scaled.toPrecision(15)));
  const r = (Math.sign(x) * rounded) / factor;
  return r === 0 ? 0 : r;
}

/** The decimals that keep `sig` significant figures of `value` (negative: tens, hundreds). */
export function decimalsForFigures(value: number, sig: number): number {
  if (value === 0) return sig - 1;
  return sig - 1 - Math.floor(Math.log10(Math.abs(value)));
}

function decimalsOf(m: Measured): number | undefined {
  if (m.dec !== undefined) return m.dec;
  return m.sig !== undefined ? decimalsForFigures(m.value, m.sig) : undefined;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
