/**
 * Date and time functions (Search Reference: "Date and Time functions"): now, time,
 * relative_time, strftime, strptime. All pinned to UTC; "now" is the run's reference time.
 */
import { relativeTime, strftime, strptime } from '../time.js';
import { eager, mapText, num, text } from './helpers.js';
import type { EvalFunction } from './types.js';

export const timeFunctions: EvalFunction[] = [
  eager('now', 0, 0, (_a, ctx) => ctx.now),
  eager('time', 0, 0, (_a, ctx) => ctx.now),
  /** relative_time(X, Y): epoch X moved by the relative time specifier Y (`-1d@d`). */
  eager('relative_time', 2, 2, ([x, y]) => {
    const t = num(x);
    const modifier = text(y);
    if (t === null || modifier === null) return null;
    return relativeTime(t, modifier) ?? null;
  }),
  /** strftime(X, Y): epoch X rendered with format Y. */
  eager('strftime', 2, 2, ([x, y]) => {
    const format = text(y);
    if (x === null || format === null) return null;
    if (Array.isArray(x)) return mapText(x, (s) => (num(s) === null ? null : strftime(num(s)!, format)));
    const t = num(x);
    return t === null ? null : strftime(t, format);
  }),
  /** strptime(X, Y): time string X parsed with format Y into epoch seconds. */
  eager('strptime', 2, 2, ([x, y]) => {
    const format = text(y);
    if (x === null || format === null) return null;
    return mapText(x, (s) => strptime(s, format) ?? null);
  }),
];
