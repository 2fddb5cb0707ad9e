/** Time spans as `bin span=`, `tstats ... span=`, `timechart span=` and `streamstats time_window=` write them. */

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
};

export interface Span {
  /** Length in seconds for fixed units; in months for calendar months. */
  size: number;
  unit: 'seconds' | 'months' | 'number';
}

/**
 * Reads a span: `1h`, `30m`, `7d`, `1mon`, or a plain number (which on `_time` means seconds and on
 * other fields means units of the field). Undefined when the text is not a span we understand.
 */
export function parseSpan(text: string): Span | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)?\s*([a-z]*)\s*$/i.exec(text);
  if (!m || (m[1] === undefined && !m[2])) return undefined;
  const n = m[1] === undefined ? 1 : Number(m[1]);
  const unit = m[2].toLowerCase();
  if (!unit) return { size: n, unit: 'number' };
  if (unit === 'mon' || unit === 'month' || unit === 'months') return { size: n, unit: 'months' };
  if (unit === 'q' || unit === 'qtr' || unit === 'quarter' || unit === 'quarters') return { size: 3 * n, unit: 'months' };
  if (unit === 'y' || unit === 'yr' || unit === 'year' || unit === 'years') return { size: 12 * n, unit: 'months' };
  const seconds = UNIT_SECONDS[unit];
  return seconds === undefined ? undefined : { size: n * seconds, unit: 'seconds' };
}

/** The start of the time bucket holding `time` (epoch seconds, UTC), aligned to the epoch. */
export function timeBucket(time: number, span: Span): number {
  if (span.unit === 'months') {
    const d = new Date(time * 1000);
    const months = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const start = months - (((months % span.size) + span.size) % span.size);
    return Date.UTC(Math.floor(start / 12), start % 12, 1) / 1000;
  }
  return Math.floor(time / span.size) * span.size;
}
