/**
 * gentimes: "Generates timestamp results starting with the exact time specified as start time.
 * Each result describes an adjacent, non-overlapping time range as indicated by the increment
 * value ... The gentimes command generates events up to the end time, but not including the end
 * time." `start=` / `end=` are `MM/DD/YYYY[:HH:MM:SS]` or an integer number of days from today
 * ("-5 for five days ago"); `end` defaults to "midnight, prior to the current time";
 * `increment=<int>(s|m|h|d)` defaults to 1d. Each result carries `starttime` and `endtime` (UNIX
 * time; a range ends one second before the next begins) and `starthuman` / `endhuman`.
 * The engine's readings, since the page does not spell them out: times are UTC like everything
 * else in the engine (the page says local time), "days ago" counts from today's midnight, and the
 * human forms are written `%a %b %d %H:%M:%S %Y`.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/gentimes
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { strftime } from '../time.js';
import { readGenericArgs } from './lib/generic-args.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';
import type { CommandSpec } from './types.js';
import { defineCommand } from './types.js';

const DAY = 86_400;
const OPTIONS = ['start', 'end', 'increment'];
/** More results than any real use asks for: a tiny increment over years is reported, not run. */
const MAX_RESULTS = 1_000_000;

function timestamp(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  if (/^-?\d+$/.test(text)) return Math.floor(now / DAY) * DAY + Number(text) * DAY;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?::(\d{1,2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [, mo, d, y, h = '0', mi = '0', s = '0'] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
}

function increment(text: string | undefined): number | undefined {
  const m = /^(\d+)([smhd])$/.exec(text ?? '1d');
  return m && Number(m[1]) > 0 ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: DAY }[m[2] as 's' | 'm' | 'h' | 'd'] : undefined;
}

const HUMAN = '%a %b %d %H:%M:%S %Y';

export const gentimes: CommandSpec<GenericCommand> = {
  options: OPTIONS,
  check(command): Unsupported[] {
    const { options, words } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options)
      .filter((k) => !OPTIONS.includes(k))
      .map((k) => ({ kind: 'option', name: `gentimes:${k}` }));
    for (const k of ['start', 'end'] as const)
      if (options[k] !== undefined && timestamp(options[k], 0) === undefined) out.push({ kind: 'option', name: `gentimes:${k}=${options[k]}` });
    if (options.start === undefined) out.push({ kind: 'option', name: 'gentimes: no start' });
    if (increment(options.increment) === undefined) out.push({ kind: 'option', name: `gentimes:increment=${options.increment}` });
    if (words.length) out.push({ kind: 'option', name: `gentimes: ${words.join(' ')}` });
    return out;
  },
  operator: async function* (input, command, ctx) {
    if (!ctx.first) yield* input;
    const { options } = readGenericArgs(command.args);
    const now = ctx.source.now;
    const start = timestamp(options.start, now)!;
    const end = timestamp(options.end, now) ?? Math.floor(now / DAY) * DAY;
    const step = increment(options.increment)!;
    if ((end - start) / step > MAX_RESULTS) throw new Error(`gentimes would generate more than ${MAX_RESULTS} results`);
    for (let t = start; t < end; t += step) {
      const row: Event = { starttime: t, starthuman: strftime(t, HUMAN), endtime: t + step - 1, endhuman: strftime(t + step - 1, HUMAN) };
      yield row;
    }
  },
};

export const command = defineCommand<GenericCommand>({
  names: ['gentimes'],
  syntax: { ...GENERIC_SYNTAX, generating: true, readsEvents: false },
  spec: gentimes,
});
