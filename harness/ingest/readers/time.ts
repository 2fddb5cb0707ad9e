/**
 * Timestamp parsing for the readers. Every function returns epoch seconds (fractional, kept to
 * the microsecond like Splunk's subsecond `_time`) or undefined when the text is not a time it
 * knows. Times without a zone are read as UTC (the indexer time zone of the attack range).
 */

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Fractional seconds from the digits after the decimal point (at most 6 kept). */
function fraction(digits: string | undefined): number {
  if (!digits) return 0;
  const d = digits.length > 6 ? digits.slice(0, 6) : digits;
  return Number(d) / 10 ** d.length;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

function digits(text: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction]Z` read by character codes: the form every Windows
 * SystemTime has, millions of times per file, so it skips the regular expression.
 */
function parseIsoUtcFast(text: string): number | undefined {
  if (text.length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(text.length - 1) !== 90) return undefined;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const sec = digits(text, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
  let frac = 0;
  if (text.length > 20) {
    if (text.charCodeAt(19) !== 46) return undefined;
    const n = Math.min(text.length - 21, 6);
    const f = digits(text, 20, n);
    if (f < 0 || digits(text, 20, text.length - 21) < 0) return undefined;
    frac = f / 10 ** n;
  }
  const base = utc(y, mo - 1, d, h, mi, sec);
  return base === undefined ? undefined : round6(base + frac);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T \t](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?/i;

/**
 * ISO 8601 and its common variants: `2020-10-08T11:03:46.617920300Z`, `2020-10-08 11:03:46.615`,
 * `2021-01-01T00:00:00+02:00`, a date alone (`2021-01-01`).
 */
export function parseIsoTime(text: string): number | undefined {
  const fast = parseIsoUtcFast(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text);
  if (!m) {
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    return date ? utc(+date[1], +date[2] - 1, +date[3], 0, 0, 0) : undefined;
  }
  const base = utc(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
  if (base === undefined) return undefined;
  let offset = 0;
  const zone = m[8];
  if (zone && /^[+-]/.test(zone)) {
    const z = zone.replace(':', '');
    offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 3600 + Number(z.slice(3, 5)) * 60);
  }
  return round6(base + fraction(m[7]) - offset);
}

/**
 * Epoch numbers: seconds (`1600000000.123`), milliseconds (13 digits, e.g. CrowdStrike
 * `timestamp`) or microseconds (16 digits), told apart by magnitude.
 */
export function parseEpoch(value: string | number): number | undefined {
  const n = typeof value === 'number' ? value : /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (n >= 1e14) return round6(n / 1e6);
  if (n >= 1e11) return round6(n / 1e3);
  return round6(n);
}

const CLASSIC = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))? ?([AP]M)?/i;

/** Classic WinEventLog header time: `10/08/2020 11:03:46 AM` (12-hour, optional AM/PM). */
export function parseClassicTime(text: string): number | undefined {
  const m = CLASSIC.exec(text);
  if (!m) return undefined;
  let h = +m[4];
  const ampm = m[8]?.toUpperCase();
  if (ampm === 'PM' && h < 12) h += 12;
  if (ampm === 'AM' && h === 12) h = 0;
  const base = utc(+m[3], +m[1] - 1, +m[2], h, +m[5], +m[6]);
  return base === undefined ? undefined : round6(base + fraction(m[7]));
}

const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/;

/**
 * BSD syslog time `Oct  8 11:03:46` (no year): the year is `referenceYear` (the file's
 * modification year, as Splunk assumes the current year for year-less stamps).
 */
export function parseSyslogTime(text: string, referenceYear: number): number | undefined {
  const m = SYSLOG.exec(text);
  if (!m) return undefined;
  const mo = MONTHS[m[1].toLowerCase()];
  if (mo === undefined) return undefined;
  const base = utc(referenceYear, mo, +m[2], +m[3], +m[4], +m[5]);
  return base === undefined ? undefined : round6(base + fraction(m[6]));
}

const RFC2822ISH = /^(?:[A-Z][a-z]{2},? )?(\d{1,2})[ /-]([A-Z][a-z]{2})[ /-](\d{4})[ :](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{4})?/;

/** `08/Oct/2020:11:03:46 +0000` (web access logs) and `Thu, 08 Oct 2020 11:03:46 +0000`. */
export function parseDayMonthYearTime(text: string): number | undefined {
  const m = RFC2822ISH.exec(text);
  if (!m) return undefined;
  const mo = MONTHS[m[2].toLowerCase()];
  if (mo === undefined) return undefined;
  const base = utc(+m[3], mo, +m[1], +m[4], +m[5], +m[6]);
  if (base === undefined) return undefined;
  let offset = 0;
  if (m[8] && m[8] !== 'Z') offset = (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 3600 + Number(m[8].slice(3, 5)) * 60);
  return round6(base + fraction(m[7]) - offset);
}

/** Any of the forms above, tried in turn (epoch numbers first when the text is all digits). */
export function parseAnyTime(value: string | number, referenceYear = new Date().getUTCFullYear()): number | undefined {
  if (typeof value === 'number') return parseEpoch(value);
  const text = value.trim();
  if (text.length === 0) return undefined;
  return (
    parseEpoch(text) ?? parseIsoTime(text) ?? parseClassicTime(text) ?? parseDayMonthYearTime(text) ?? parseSyslogTime(text, referenceYear) ?? parseJsDate(text)
  );
}

/** Where a timestamp may start: a digit (or a month name) after a non-alphanumeric character. */
const CANDIDATE = /(?:^|[^0-9A-Za-z])(?=\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) )/g;

/**
 * The first timestamp within the first `lookahead` characters of a text event, as Splunk looks
 * for one when a sourcetype names no TIME_PREFIX (MAX_TIMESTAMP_LOOKAHEAD, 128 by default).
 * Candidates are only positions that start a date: a year, a day/month number or a month name.
 */
export function findTimestamp(text: string, referenceYear: number, lookahead = 128): number | undefined {
  const head = text.slice(0, lookahead);
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(head); m !== null; m = CANDIDATE.exec(head)) {
    const at = m.index + m[0].length;
    const rest = head.slice(at);
    const t = parseIsoTime(rest) ?? parseClassicTime(rest) ?? parseDayMonthYearTime(rest) ?? parseSyslogTime(rest, referenceYear);
    if (t !== undefined) return t;
    if (CANDIDATE.lastIndex === m.index) CANDIDATE.lastIndex++;
  }
  return undefined;
}

/** Last resort for the odd RFC 2822 / `Date.toString` form the others miss. */
function parseJsDate(text: string): number | undefined {
  if (!/[A-Za-z]{3}/.test(text) || !/\d{1,2}:\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
