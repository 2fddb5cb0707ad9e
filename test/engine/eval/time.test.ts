/**
 * Time helpers: strftime / strptime variables (Search Reference, "Date and time format
 * variables"), relative time modifiers (Search Manual, "Specify time modifiers in your search")
 * and bin spans. All in UTC.
 */
import { describe, expect, it } from 'vitest';
import { addTime, parseSpan, relativeTime, snapTime, spanStart, strftime, strptime } from '../../../harness/engine/time.js';

// 2024-01-15T12:34:56Z, a Monday.
const T = 1705322096;

describe('strftime', () => {
  // "Date and time format variables": %Y year, %m month, %d day, %H hour (24), %I hour (12),
  // %M minute, %S second, %p AM/PM, %a/%A weekday, %b/%B month name, %j day of year,
  // %Z zone name, %z offset, %s epoch, %N subseconds with width (%3N milliseconds).
  it('renders the ESCU ctime format', () => {
    expect(strftime(T, '%Y-%m-%dT%H:%M:%S')).toBe('2024-01-15T12:34:56');
    expect(strftime(T, '%m/%d/%Y %H:%M:%S')).toBe('01/15/2024 12:34:56');
  });

  it('renders every documented variable', () => {
    expect(strftime(T, '%y %e %I %p %a %A %b %B %j')).toBe('24 15 12 PM Mon Monday Jan January 015');
    expect(strftime(T, '%Z %z %s %%')).toBe('UTC +0000 1705322096 %');
    // "%z ... use %:z for hours and minutes separated by a colon, %::z adds seconds, %:::z hours only".
    expect(strftime(T, '%:z|%::z|%:::z')).toBe('+00:00|+00:00:00|+00');
    // "%N The number of subsecond digits. The default is %9N."; "%Q ... The default is milliseconds, %3Q".
    expect(strftime(T + 0.5, '%N|%Q|%f')).toBe('500000000|500|500000');
    expect(strftime(T + 0.123456, '%3N %6N %Q')).toBe('123 123456 123');
    expect(strftime(T, '%F %T')).toBe('2024-01-15 12:34:56');
    expect(strftime(T, '%w %u %V')).toBe('1 1 03');
    expect(strftime(0, '%c')).toBe('Thu Jan  1 00:00:00 1970');
    expect(strftime(T, '%k|%l|%q')).toBe('12|12|%q'); // unknown variables are kept as written
  });
});

describe('strptime', () => {
  it('parses what strftime renders', () => {
    expect(strptime('2024-01-15T12:34:56', '%Y-%m-%dT%H:%M:%S')).toBe(T);
    expect(strptime('15/Jan/2024:12:34:56', '%d/%b/%Y:%H:%M:%S')).toBe(T);
    expect(strptime('2024-01-15 12:34:56.250', '%Y-%m-%d %H:%M:%S.%3N')).toBe(T + 0.25);
    expect(strptime('1705322096', '%s')).toBe(T);
    expect(strptime('2024-01-15T12:34:56Z', '%Y-%m-%dT%H:%M:%S%z')).toBe(T);
    expect(strptime('2024-01-15T07:34:56-05:00', '%Y-%m-%dT%H:%M:%S%:z')).toBe(T);
    expect(strptime('12:00:00 AM', '%I:%M:%S %p')).toBe(0);
  });

  it('returns undefined when the text does not fit', () => {
    expect(strptime('2024-13-01', '%Y-%m-%d')).toBe(undefined);
    expect(strptime('abc', '%Y')).toBe(undefined);
    expect(strptime('2024/01/15', '%Y-%m-%d')).toBe(undefined);
  });
});

describe('relative time modifiers', () => {
  // "Specify time modifiers": [+|-]<time_integer><time_unit>@<time_unit>; "@" snaps down to
  // the start of the unit; w0 = Sunday, w1 = Monday; units s, m, h, d, w, mon, q, y.
  it('offsets and snaps', () => {
    expect(relativeTime(T, '-1d@d')).toBe(Date.UTC(2024, 0, 14) / 1000);
    expect(relativeTime(T, '-7d@d')).toBe(Date.UTC(2024, 0, 8) / 1000);
    expect(relativeTime(T, '@h')).toBe(Date.UTC(2024, 0, 15, 12) / 1000);
    expect(relativeTime(T, '+1h')).toBe(T + 3600);
    expect(relativeTime(T, '-30m')).toBe(T - 1800);
    expect(relativeTime(T, '-1d@d+8h')).toBe(Date.UTC(2024, 0, 14, 8) / 1000);
    expect(relativeTime(T, '@w0')).toBe(Date.UTC(2024, 0, 14) / 1000);
    expect(relativeTime(T, '@w1')).toBe(Date.UTC(2024, 0, 15) / 1000);
    expect(relativeTime(T, '@mon')).toBe(Date.UTC(2024, 0, 1) / 1000);
    expect(relativeTime(T, '-1mon@mon')).toBe(Date.UTC(2023, 11, 1) / 1000);
    expect(relativeTime(T, '@q')).toBe(Date.UTC(2024, 0, 1) / 1000);
    expect(relativeTime(T, '-1y@y')).toBe(Date.UTC(2023, 0, 1) / 1000);
    expect(relativeTime(T, '-2hours')).toBe(T - 7200);
    expect(relativeTime(T, 'now')).toBe(T);
  });

  it('rejects what is not a modifier', () => {
    expect(relativeTime(T, '-1x')).toBe(undefined);
    expect(relativeTime(T, 'yesterday')).toBe(undefined);
  });

  it('month arithmetic clamps to the month end', () => {
    expect(addTime(Date.UTC(2024, 2, 31) / 1000, -1, 'mon')).toBe(Date.UTC(2024, 1, 29) / 1000);
    expect(snapTime(Date.UTC(2024, 4, 17, 5) / 1000, 'q')).toBe(Date.UTC(2024, 3, 1) / 1000);
  });
});

describe('spans', () => {
  // Search Reference, "bin": span=<int><timescale>; buckets start at multiples of the span.
  it('parses spans and finds bucket starts', () => {
    expect(parseSpan('1h')).toEqual({ n: 1, unit: 'h' });
    expect(parseSpan('30m')).toEqual({ n: 30, unit: 'm' });
    expect(parseSpan('1mon')).toEqual({ n: 1, unit: 'mon' });
    expect(parseSpan('bogus')).toBe(undefined);
    expect(spanStart(T, { n: 1, unit: 'h' })).toBe(Date.UTC(2024, 0, 15, 12) / 1000);
    expect(spanStart(T, { n: 5, unit: 'm' })).toBe(Date.UTC(2024, 0, 15, 12, 30) / 1000);
    expect(spanStart(T, { n: 1, unit: 'd' })).toBe(Date.UTC(2024, 0, 15) / 1000);
    expect(spanStart(T, { n: 1, unit: 'mon' })).toBe(Date.UTC(2024, 0, 1) / 1000);
  });
});
