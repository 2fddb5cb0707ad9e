/**
 * convert: "Converts field values in your search results into numerical values." Functions:
 * - ctime(X): "Converts an epoch time to an ascii human readable time. Use the timeformat option
 *   to specify exact format to convert to." Default timeformat "%m/%d/%Y %H:%M:%S"; rendered in
 *   UTC here (the harness pins time zones).
 * - mktime(X): the reverse, text in `timeformat` to epoch seconds.
 * - num(X) / auto(X): to a number when it reads as one; rmcomma, rmunit, memk, dur2sec, none.
 * `func(X) as Y` writes to Y and leaves X; without `as` X is replaced. A value that cannot be
 * converted is left as it was. Wildcard field names apply to every matching field.
 */
import type { ConvertCommand } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { fromValues, isNumeric, mvValues, toNumber, toText } from '../values.js';
import { strftime, strptime } from '../time.js';
import { matchFieldNames } from './lib/wildcard.js';
import { optionText } from './lib/stream.js';
import { streaming } from './lib/streaming.js';

export const DEFAULT_CTIME_FORMAT = '%m/%d/%Y %H:%M:%S';

type Converter = (v: Scalar, timeformat: string) => Scalar | undefined;

const MEM_UNITS: Record<string, number> = { k: 1, m: 1024, g: 1024 * 1024 };

const CONVERTERS: Record<string, Converter> = {
  ctime: (v, fmt) => {
    const n = toNumber(v);
    return n === undefined ? undefined : strftime(n, fmt);
  },
  mktime: (v, fmt) => {
    const t = strptime(toText(v) ?? '', fmt);
    return t === undefined || t === null ? undefined : t;
  },
  num: (v) => toNumber(v),
  auto: (v) => toNumber(v),
  none: (v) => v,
  rmcomma: (v) => {
    const t = (toText(v) ?? '').replace(/,/g, '');
    return isNumeric(t) ? Number(t) : undefined;
  },
  rmunit: (v) => {
    const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i.exec(toText(v) ?? '');
    return m ? Number(m[1]) : undefined;
  },
  memk: (v) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)\s*$/i.exec(toText(v) ?? '');
    return m ? Number(m[1]) * MEM_UNITS[(m[2] || 'k').toLowerCase()] : undefined;
  },
  dur2sec: (v) => {
    const m = /^(?:(\d+)\+)?(\d{1,2}):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec((toText(v) ?? '').trim());
    return m ? Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : undefined;
  },
};

export const convert = streaming<ConvertCommand>(
  (command) => {
    const fmt = optionText(command.timeformat) ?? DEFAULT_CTIME_FORMAT;
    return (event) => {
      let out: Event | undefined;
      for (const c of command.conversions) {
        const convert = CONVERTERS[c.func.toLowerCase()];
        const names = c.field.includes('*') ? matchFieldNames(c.field, Object.keys(event)) : [c.field];
        for (const name of names) {
          const values = mvValues((out ?? event)[name]);
          if (!values.length) continue;
          const converted = values.map((v) => convert(v, fmt) ?? v);
          out ??= { ...event };
          out[c.as && !c.field.includes('*') ? c.as : name] = fromValues(converted);
        }
      }
      return out ?? event;
    };
  },
  {
    check: (command) =>
      command.conversions.filter((c) => !(c.func.toLowerCase() in CONVERTERS)).map((c) => ({ kind: 'function', name: `convert:${c.func}` })),
  },
);
