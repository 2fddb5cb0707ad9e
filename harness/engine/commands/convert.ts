/**
 * convert: "Converts field values in your search results into numerical values." Functions:
 * - ctime(X): "Converts an epoch time to an ascii human readable time. Use the timeformat option
 *   to specify exact format to convert to." Default timeformat "%m/%d/%Y %H:%M:%S"; rendered in
 *   UTC here (the harness pins time zones).
 * - mktime(X): the reverse, text in `timeformat` to epoch seconds.
 * - auto(X): to numbers, unless some value of the field cannot be converted: then "the field is
 *   left untouched"; num(X): "Like auto(), except non-convertible values are removed".
 * - rmcomma, rmunit, memk, dur2sec, mstime, none.
 * `func(X) as Y` writes to Y and leaves X; without `as` X is replaced. Except for num(), a value
 * that cannot be converted is left as it was. Wildcard field names apply to every matching field.
 */
import type { Event, Scalar } from '../types.js';
import { fromValues, isNumeric, mvValues, toNumber, toText } from '../values.js';
import { strftime, strptime } from '../time.js';
import { matchFieldNames } from './lib/wildcard.js';
import { optionText } from './lib/stream.js';
import { streaming } from './lib/streaming.js';
import { fail, describeToken } from '../../spl/context.js';
import { renderWord, renderOptionValue, joinParts } from '../../spl/render.js';
import { addFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface ConvertCommand extends CommandNodeBase {
  cmd: 'convert';
  timeformat?: string;
  conversions: Array<{ func: string; field: string; as?: string }>;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    convert: ConvertCommand;
  }
}

/** `convert [timeformat=<f>] <func>(<field>) [AS <name>]...`. */
const syntax: CommandSyntax<ConvertCommand> = {
  cmd: 'convert',
  parse(r, base) {
    const cmd: ConvertCommand = { ...base, cmd: 'convert', conversions: [] };
    while (!r.atEnd()) {
      if (r.eatComma()) continue;
      const o = r.option();
      if (o) {
        if (o[0] !== 'timeformat') fail(`unknown convert option '${o[0]}'`, base.span);
        cmd.timeformat = o[1];
        continue;
      }
      const f = r.next();
      if (f.kind !== 'word' || r.s.text[f.end] !== '(') fail(`expected a conversion such as ctime(field) but found ${describeToken(f)}`, f);
      r.next(); // (
      const field = r.field();
      const close = r.next();
      if (close.kind !== ')') fail(`expected ')' after ${f.raw}(${field} but found ${describeToken(close)}`, close);
      const conv: { func: string; field: string; as?: string } = { func: f.raw.toLowerCase(), field };
      if (r.eatKeyword('as')) conv.as = r.field('a name after AS');
      cmd.conversions.push(conv);
    }
    if (cmd.conversions.length === 0) fail('convert needs at least one conversion such as ctime(field)', base.span);
    return cmd;
  },
  render: (c) =>
    joinParts(
      'convert',
      c.timeformat !== undefined && `timeformat=${renderOptionValue(c.timeformat)}`,
      c.conversions.map((v) => `${v.func}(${renderWord(v.field)})${v.as !== undefined ? ` as ${renderWord(v.as)}` : ''}`).join(' '),
    ),
  outputFields: (before, c) => addFields(before, ...c.conversions.map((v) => v.as ?? v.field)),
};

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
  // mstime(X): "Converts a [MM:]SS.SSS format to seconds."
  mstime: (v) => {
    const m = /^(?:(\d+):)?(\d+(?:\.\d+)?)$/.exec((toText(v) ?? '').trim());
    return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : undefined;
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
          const results = values.map((v) => convert(v, fmt));
          const func = c.func.toLowerCase();
          // auto(): "if not all values of a particular field can be converted ... the field is
          // left untouched"; num(): "Like auto(), except non-convertible values are removed".
          if (func === 'auto' && results.some((r) => r === undefined)) continue;
          const converted = func === 'num' ? results.filter((r): r is Scalar => r !== undefined) : results.map((r, i) => r ?? values[i]);
          out ??= { ...event };
          const target = c.as && !c.field.includes('*') ? c.as : name;
          const value = fromValues(converted);
          if (value === undefined) delete out[target];
          else out[target] = value;
        }
      }
      return out ?? event;
    };
  },
  {
    check: (command) => command.conversions.filter((c) => !(c.func.toLowerCase() in CONVERTERS)).map((c) => ({ kind: 'function', name: `convert:${c.func}` })),
  },
);

export const command = defineCommand<ConvertCommand>({ names: ['convert'], syntax, spec: convert });
