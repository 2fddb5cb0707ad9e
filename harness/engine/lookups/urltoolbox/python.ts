/**
 * URL Toolbox's scripts hand their numbers to Python's csv writer, which writes `str(x)`: a
 * float always shows a fraction or an exponent (`2.0`, `1e-05`), and that text is the field
 * value Splunk reads back. Python's repr and JavaScript's toString pick the same shortest
 * round-trip digits; they differ only in where an exponent starts and how it is spelled.
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const exponent = Math.floor(Math.log10(Math.abs(x)));
  // Python's repr switches to scientific notation below 1e-4 and from 1e16 on.
  if (exponent < -4 || exponent >= 16) {
    const [mantissa, exp] = x.toExponential().split('e');
    const n = Number(exp);
    return `${mantissa}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const text = String(x);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** Python's `str.strip()` with no argument: leading and trailing whitespace. */
export const pythonStrip = (s: string) => s.trim();
