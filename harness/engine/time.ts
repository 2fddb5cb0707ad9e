/**
 * Time in Splunk's terms, pinned to UTC: strftime / strptime with Splunk's `%` variables
 * (Search Reference: "Date and time format variables"), relative time modifiers such as
 * `-7d@d`, `@h`, `+1h` (Search Manual: "Specify time modifiers in your search"), and spans such
 * as `1h` for `bin span=`. Used by the time eval functions, `convert ctime` and `bin`.
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, width: number, fill = '0'): string {
  const s = String(Math.abs(Math.trunc(n)));
  return (n < 0 ? '-' : '') + s.padStart(width, fill);
}

/** Day of the year, 1-based. */
function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** ISO 8601 week number and week-based year. */
function isoWeek(d: Date): { week: number; year: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { week: Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7), year: t.getUTCFullYear() };
}

/** Week of the year with weeks starting on `firstDay` (0 Sunday for %U, 1 Monday for %W). */
function weekOfYear(d: Date, firstDay: number): number {
  const yday = dayOfYear(d) - 1;
  const wday = (d.getUTCDay() - firstDay + 7) % 7;
  return Math.floor((yday + 7 - wday) / 7);
}

/** Subsecond digits of an epoch: `digits` digits, truncated. */
function subseconds(epoch: number, digits: number): string {
  const frac = epoch - Math.floor(epoch);
  return Math.floor(frac * 10 ** digits + 1e-6)
    .toString()
    .padStart(digits, '0')
    .slice(0, digits);
}

/**
 * Format epoch seconds with a strftime format, in UTC. Unknown variables are kept as written.
 */
export function strftime(epoch: number, format: string): string {
  const d = new Date(Math.floor(epoch) * 1000);
  if (Number.isNaN(d.getTime())) return '';
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%' || i + 1 >= format.length) {
      out += ch;
      continue;
    }
    // Optional width for %N / %Q, e.g. %3N; ':' for %:z.
    let j = i + 1;
    let width = '';
    while (j < format.length && /\d/.test(format[j])) width += format[j++];
    let spec = format[j];
    const colons = /^:{1,3}z/.exec(format.slice(j));
    if (colons) {
      // %:z, %::z, %:::z: offset as +hh:mm, +hh:mm:ss, +hh.
      spec = colons[0];
      j += colons[0].length - 1;
    } else if (spec === 'E' && format[j + 1] === 'z') {
      spec = 'Ez';
      j++;
    }
    const text = formatVariable(d, epoch, spec, width ? Number(width) : undefined);
    if (text === undefined) {
      out += format.slice(i, j + 1);
    } else {
      out += text;
    }
    i = j;
  }
  return out;
}

function formatVariable(d: Date, epoch: number, spec: string, width: number | undefined): string | undefined {
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const w = d.getUTCDay();
  const h12 = H % 12 === 0 ? 12 : H % 12;
  switch (spec) {
    case '%':
      return '%';
    case 'Y':
      return String(Y);
    case 'y':
      return pad(Y % 100, 2);
    case 'C':
      return pad(Math.floor(Y / 100), 2);
    case 'm':
      return pad(m + 1, 2);
    case 'd':
      return pad(day, 2);
    case 'e':
      return pad(day, 2, ' ');
    case 'H':
      return pad(H, 2);
    case 'k':
      return pad(H, 2, ' ');
    case 'I':
      return pad(h12, 2);
    case 'l':
      return pad(h12, 2, ' ');
    case 'M':
      return pad(M, 2);
    case 'S':
      return pad(S, 2);
    case 'p':
      return H < 12 ? 'AM' : 'PM';
    case 'P':
      return H < 12 ? 'am' : 'pm';
    case 'b':
    case 'h':
      return MONTHS[m].slice(0, 3);
    case 'B':
      return MONTHS[m];
    case 'a':
      return DAYS[w].slice(0, 3);
    case 'A':
      return DAYS[w];
    case 'j':
      return pad(dayOfYear(d), 3);
    case 'w':
      return String(w);
    case 'u':
      return String(w === 0 ? 7 : w);
    case 'U':
      return pad(weekOfYear(d, 0), 2);
    case 'W':
      return pad(weekOfYear(d, 1), 2);
    case 'V':
      return pad(isoWeek(d).week, 2);
    case 'G':
      return String(isoWeek(d).year);
    case 'Z':
      return 'UTC';
    case 'z':
      return '+0000';
    case ':z':
      return '+00:00';
    case '::z':
      return '+00:00:00';
    case ':::z':
      return '+00';
    case 'Ez':
      return '+0';
    case 's':
      return String(Math.floor(epoch));
    case 'N':
      return subseconds(epoch, width ?? 9);
    case 'Q':
      return subseconds(epoch, width ?? 3);
    case 'f':
      return subseconds(epoch, 6);
    case 'T':
      return `${pad(H, 2)}:${pad(M, 2)}:${pad(S, 2)}`;
    case 'R':
      return `${pad(H, 2)}:${pad(M, 2)}`;
    case 'F':
      return `${Y}-${pad(m + 1, 2)}-${pad(day, 2)}`;
    case 'D':
      return `${pad(m + 1, 2)}/${pad(day, 2)}/${pad(Y % 100, 2)}`;
    case 'x':
      return `${pad(m + 1, 2)}/${pad(day, 2)}/${pad(Y % 100, 2)}`;
    case 'X':
      return `${pad(H, 2)}:${pad(M, 2)}:${pad(S, 2)}`;
    case 'c':
      return `${DAYS[w].slice(0, 3)} ${MONTHS[m].slice(0, 3)} ${pad(day, 2, ' ')} ${pad(H, 2)}:${pad(M, 2)}:${pad(S, 2)} ${Y}`;
    case '+':
      return `${DAYS[w].slice(0, 3)} ${MONTHS[m].slice(0, 3)} ${pad(day, 2, ' ')} ${pad(H, 2)}:${pad(M, 2)}:${pad(S, 2)} UTC ${Y}`;
    case 'n':
      return '\n';
    case 't':
      return '\t';
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- strptime

interface Parts {
  year?: number;
  month?: number; // 0-based
  day?: number;
  yday?: number;
  hour?: number;
  minute?: number;
  second?: number;
  frac?: number;
  pm?: boolean;
  offsetMinutes?: number;
  epoch?: number;
}

function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((m) => m.toLowerCase().startsWith(lower.slice(0, 3)));
}

/**
 * Parse a time string with a strptime format into epoch seconds (UTC unless the text carries
 * a %z / %Z offset). Returns undefined when the text does not fit the format. Whitespace in
 * the format matches any run of whitespace; trailing text after the format is ignored, as
 * Splunk's strptime does.
 */
export function strptime(input: string, format: string): number | undefined {
  const p: Parts = {};
  let pos = 0;
  const s = input;
  const readInt = (maxDigits: number, allowSign = false): number | undefined => {
    const re = new RegExp(`^${allowSign ? '[+-]?' : ''}\\d{1,${maxDigits}}`);
    const m = re.exec(s.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0]);
  };
  const readWord = (): string | undefined => {
    const m = /^[A-Za-z]+/.exec(s.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return m[0];
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%') {
      if (/\s/.test(ch)) {
        while (pos < s.length && /\s/.test(s[pos])) pos++;
        continue;
      }
      if (s[pos] !== ch) return undefined;
      pos++;
      continue;
    }
    let j = i + 1;
    let width = '';
    while (j < format.length && /\d/.test(format[j])) width += format[j++];
    let spec = format[j];
    if (spec === ':' && format[j + 1] === 'z') {
      spec = 'z';
      j++;
    }
    i = j;
    let v: number | undefined;
    switch (spec) {
      case '%':
        if (s[pos] !== '%') return undefined;
        pos++;
        continue;
      case 'Y':
        v = readInt(4, true);
        if (v === undefined) return undefined;
        p.year = v;
        break;
      case 'y':
        v = readInt(2);
        if (v === undefined) return undefined;
        p.year = v < 69 ? 2000 + v : 1900 + v;
        break;
      case 'm':
        v = readInt(2);
        if (v === undefined || v < 1 || v > 12) return undefined;
        p.month = v - 1;
        break;
      case 'd':
      case 'e':
        while (s[pos] === ' ') pos++;
        v = readInt(2);
        if (v === undefined || v < 1 || v > 31) return undefined;
        p.day = v;
        break;
      case 'j':
        v = readInt(3);
        if (v === undefined) return undefined;
        p.yday = v;
        break;
      case 'H':
      case 'k':
      case 'I':
      case 'l':
        while (s[pos] === ' ') pos++;
        v = readInt(2);
        if (v === undefined || v > 24) return undefined;
        p.hour = v;
        break;
      case 'M':
        v = readInt(2);
        if (v === undefined || v > 59) return undefined;
        p.minute = v;
        break;
      case 'S':
        v = readInt(2);
        if (v === undefined || v > 61) return undefined;
        p.second = v;
        break;
      case 'N':
      case 'Q':
      case 'f': {
        const m = new RegExp(`^\\d{1,${width ? Number(width) : 9}}`).exec(s.slice(pos));
        if (!m) return undefined;
        pos += m[0].length;
        p.frac = Number('0.' + m[0]);
        break;
      }
      case 'p':
      case 'P': {
        const w = readWord();
        if (!w || !/^(am|pm)$/i.test(w)) return undefined;
        p.pm = w.toLowerCase() === 'pm';
        break;
      }
      case 'b':
      case 'B':
      case 'h': {
        const w = readWord();
        const idx = w ? monthIndex(w) : -1;
        if (idx < 0) return undefined;
        p.month = idx;
        break;
      }
      case 'a':
      case 'A': {
        const w = readWord();
        if (!w || !DAYS.some((d) => d.toLowerCase().startsWith(w.toLowerCase().slice(0, 3)))) return undefined;
        break;
      }
      case 'z': {
        const m = /^(Z|[+-]\d{2}:?\d{2}|[+-]\d{1,2})/.exec(s.slice(pos));
        if (!m) return undefined;
        pos += m[0].length;
        p.offsetMinutes = zoneOffset(m[0]);
        break;
      }
      case 'Z': {
        const m = /^(UTC|GMT|Z|[A-Z]{2,5}|[+-]\d{2}:?\d{2})/.exec(s.slice(pos));
        if (!m) return undefined;
        pos += m[0].length;
        p.offsetMinutes = /^[+-]/.test(m[0]) ? zoneOffset(m[0]) : 0;
        break;
      }
      case 's': {
        const m = /^\d+(\.\d+)?/.exec(s.slice(pos));
        if (!m) return undefined;
        pos += m[0].length;
        p.epoch = Number(m[0]);
        break;
      }
      case 'T': {
        const t = strptimeParts(s.slice(pos), '%H:%M:%S');
        if (!t) return undefined;
        Object.assign(p, t.parts);
        pos += t.length;
        break;
      }
      case 'F': {
        const t = strptimeParts(s.slice(pos), '%Y-%m-%d');
        if (!t) return undefined;
        Object.assign(p, t.parts);
        pos += t.length;
        break;
      }
      default:
        return undefined;
    }
  }
  if (p.epoch !== undefined) return p.epoch;
  return partsToEpoch(p);
}

/** Parse a sub-format (used for %T and %F) returning the parts and the length consumed. */
function strptimeParts(input: string, format: string): { parts: Parts; length: number } | undefined {
  const parts: Parts = {};
  const m = format === '%H:%M:%S' ? /^(\d{1,2}):(\d{2}):(\d{2})/.exec(input) : /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(input);
  if (!m) return undefined;
  if (format === '%H:%M:%S') Object.assign(parts, { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3]) });
  else Object.assign(parts, { year: Number(m[1]), month: Number(m[2]) - 1, day: Number(m[3]) });
  return { parts, length: m[0].length };
}

function zoneOffset(z: string): number {
  if (z === 'Z') return 0;
  const sign = z.startsWith('-') ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  const hours = Number(digits.length <= 2 ? digits : digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return sign * (hours * 60 + minutes);
}

function partsToEpoch(p: Parts): number | undefined {
  const year = p.year ?? 1970;
  let hour = p.hour ?? 0;
  if (p.pm !== undefined) {
    if (hour === 12) hour = p.pm ? 12 : 0;
    else if (p.pm) hour += 12;
  }
  let ms: number;
  if (p.yday !== undefined && p.month === undefined) {
    ms = Date.UTC(year, 0, p.yday, hour, p.minute ?? 0, p.second ?? 0);
  } else {
    ms = Date.UTC(year, p.month ?? 0, p.day ?? 1, hour, p.minute ?? 0, p.second ?? 0);
  }
  if (year < 100) {
    const d = new Date(ms);
    d.setUTCFullYear(year);
    ms = d.getTime();
  }
  if (Number.isNaN(ms)) return undefined;
  let epoch = ms / 1000 + (p.frac ?? 0);
  if (p.offsetMinutes) epoch -= p.offsetMinutes * 60;
  return epoch;
}

// ---------------------------------------------------------------- relative time

export type TimeUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'mon' | 'q' | 'y';

const UNIT_ALIASES: Record<string, TimeUnit> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  week: 'w',
  weeks: 'w',
  mon: 'mon',
  month: 'mon',
  months: 'mon',
  q: 'q',
  qtr: 'q',
  qtrs: 'q',
  quarter: 'q',
  quarters: 'q',
  y: 'y',
  yr: 'y',
  yrs: 'y',
  year: 'y',
  years: 'y',
};

const UNIT_SECONDS: Partial<Record<TimeUnit, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** A unit name (`h`, `hours`, `mon`, ...) as its canonical unit, undefined when unknown. */
export function timeUnit(name: string): TimeUnit | undefined {
  return UNIT_ALIASES[name.toLowerCase()];
}

/** Add `n` units to an epoch; months, quarters and years move the calendar (clamped to month end). */
export function addTime(epoch: number, n: number, unit: TimeUnit): number {
  const fixed = UNIT_SECONDS[unit];
  if (fixed !== undefined) return epoch + n * fixed;
  const months = unit === 'mon' ? n : unit === 'q' ? 3 * n : 12 * n;
  const d = new Date(epoch * 1000);
  const frac = epoch - Math.floor(epoch);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.getTime() / 1000 + frac;
}

/**
 * Snap an epoch down to the start of a unit (`@d` midnight, `@h` the hour, `@w1` Monday,
 * `@mon` the 1st, `@q` the quarter, `@y` January 1st). `weekday` is for `@w0`..`@w7`.
 */
export function snapTime(epoch: number, unit: TimeUnit, weekday?: number): number {
  const d = new Date(Math.floor(epoch) * 1000);
  const Y = d.getUTCFullYear();
  const M = d.getUTCMonth();
  switch (unit) {
    case 's':
      return Math.floor(epoch);
    case 'm':
      return Math.floor(epoch / 60) * 60;
    case 'h':
      return Math.floor(epoch / 3600) * 3600;
    case 'd':
      return Date.UTC(Y, M, d.getUTCDate()) / 1000;
    case 'w': {
      const target = (weekday ?? 0) % 7;
      const back = (d.getUTCDay() - target + 7) % 7;
      return Date.UTC(Y, M, d.getUTCDate() - back) / 1000;
    }
    case 'mon':
      return Date.UTC(Y, M, 1) / 1000;
    case 'q':
      return Date.UTC(Y, M - (M % 3), 1) / 1000;
    case 'y':
      return Date.UTC(Y, 0, 1) / 1000;
  }
}

/**
 * Apply a relative time modifier to an epoch: a sequence of `[+|-]<n><unit>` offsets and
 * `@<unit>` snaps, e.g. `-7d@d`, `@h`, `+1h`, `-1d@d+8h`, `@w1`; `now` and `` keep the time.
 * Returns undefined for a modifier that is not one.
 */
export function relativeTime(epoch: number, modifier: string): number | undefined {
  const text = modifier.trim();
  if (text === '' || text.toLowerCase() === 'now') return epoch;
  const re = /([+-])(\d*)([a-zA-Z]+)|@([a-zA-Z]+?)(\d?)(?=$|[-+@])/y;
  let t = epoch;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    pos = re.lastIndex;
    if (m[1]) {
      const unit = timeUnit(m[3]);
      if (!unit) return undefined;
      const n = m[2] === '' ? 1 : Number(m[2]);
      t = addTime(t, m[1] === '-' ? -n : n, unit);
    } else {
      const unit = timeUnit(m[4]);
      if (!unit) return undefined;
      t = snapTime(t, unit, m[5] ? Number(m[5]) : undefined);
    }
  }
  return t;
}

/** A span such as `1h`, `30m`, `1d`, `10s`: count and unit; undefined when it is not one. */
export function parseSpan(text: string): { n: number; unit: TimeUnit } | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)?\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = timeUnit(m[2]);
  if (!unit) return undefined;
  return { n: m[1] === undefined ? 1 : Number(m[1]), unit };
}

/**
 * The start of the span bucket an epoch falls in (`bin span=1h`): fixed units align to
 * multiples of the span since the epoch; months, quarters and years align to calendar starts.
 */
export function spanStart(epoch: number, span: { n: number; unit: TimeUnit }): number {
  const fixed = UNIT_SECONDS[span.unit];
  if (fixed !== undefined) {
    const size = span.n * fixed;
    return Math.floor(epoch / size) * size;
  }
  const d = new Date(Math.floor(epoch) * 1000);
  const months = span.unit === 'mon' ? span.n : span.unit === 'q' ? 3 * span.n : 12 * span.n;
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const start = Math.floor(index / months) * months;
  return Date.UTC(Math.floor(start / 12), start % 12, 1) / 1000;
}
