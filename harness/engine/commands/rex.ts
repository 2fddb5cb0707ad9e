/**
 * rex: "Use this command to either extract fields using regular expression named groups, or
 * replace or substitute characters in a field using sed expressions."
 * - `field=` defaults to `_raw`; an event without the field is passed on unchanged.
 * - "max_match: Controls the number of times the regex is matched. If greater than 1, the
 *   resulting fields are multivalued fields. Use 0 to specify unlimited matches." Default 1.
 * - A group that does not participate in a match sets nothing; when the regex does not match,
 *   fields keep the values they had.
 * - `mode=sed`: `s/regex/replacement/flags` (flag `g` for every match, a number N for the Nth)
 *   and `y/from/to/` transliteration; the result replaces the field.
 * - `offset_field=<f>`: the match's endpoints as "<start>-<end>" (zero-based, end inclusive), for a
 *   pattern with one named group matched once; other shapes are unsupported (not documented).
 */
import type { Event, Scalar, Unsupported } from '../types.js';
import { compileRegex } from '../regex.js';
import { fromValues, mvValues, toText } from '../values.js';
import { compileSed } from './lib/sed.js';
import { optionText } from './lib/stream.js';
import { streaming, type EventMapper } from './lib/streaming.js';
import { fail, describeToken } from '../../spl/context.js';
import { unescapeSpl } from '../../spl/lexer.js';
import { quote, renderOptions, joinParts } from '../../spl/render.js';
import { addFields, captureNames } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface RexCommand extends CommandNodeBase {
  cmd: 'rex';
  field: string; // default _raw
  regex: string;
  maxMatch: number; // default 1; 0 = unlimited
  mode?: 'sed';
  options: Options;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    rex: RexCommand;
  }
}

/** `rex [field=<f>] [max_match=<n>] [mode=sed] [offset_field=<f>] "<regex>"`. */
const syntax: CommandSyntax<RexCommand> = {
  cmd: 'rex',
  parse(r, base) {
    const options: Options = {};
    let regex: string | undefined;
    while (!r.atEnd()) {
      const o = r.option();
      if (o) {
        options[o[0]] = o[1];
        continue;
      }
      const t = r.next();
      if (t.kind !== 'string') fail(`expected a quoted regular expression but found ${describeToken(t)}`, t);
      if (regex !== undefined) fail('rex takes one regular expression', t);
      regex = unescapeSpl(t.raw.slice(1, -1), false);
    }
    if (regex === undefined) fail('rex needs a quoted regular expression', base.span);
    const { field = '_raw', max_match, mode, ...rest } = options;
    const maxMatch = max_match === undefined ? 1 : Number(max_match);
    if (!Number.isInteger(maxMatch) || maxMatch < 0) fail(`max_match must be a whole number, not '${max_match}'`, base.span);
    if (mode !== undefined && mode !== 'sed') fail(`rex mode must be sed, not '${mode}'`, base.span);
    const cmd: RexCommand = { ...base, cmd: 'rex', field, regex: regex!, maxMatch, options: rest };
    if (mode === 'sed') cmd.mode = 'sed';
    return cmd;
  },
  render(c) {
    const opts: Options = {};
    if (c.field !== '_raw') opts.field = c.field;
    if (c.maxMatch !== 1) opts.max_match = String(c.maxMatch);
    if (c.mode) opts.mode = c.mode;
    return joinParts('rex', ...renderOptions({ ...opts, ...c.options }), quote(c.regex, false));
  },
  outputFields: (before, c) => (c.mode === 'sed' ? before : addFields(before, ...captureNames(c.regex))),
};

export const rex = streaming<RexCommand>(
  (command) => {
    const field = command.field || '_raw';
    return command.mode === 'sed' ? sedMapper(field, command.regex) : extractMapper(field, command);
  },
  {
    options: ['field', 'max_match', 'mode', 'offset_field'],
    check(command): Unsupported[] {
      if (command.options.offset_field === undefined) return [];
      // The page shows the offsets of one named group's one match ("0-9"); how several groups or
      // matches are written into the field is not documented.
      const groups = captureNames(command.regex).length;
      return command.mode === 'sed' || groups !== 1 || command.maxMatch !== 1
        ? [{ kind: 'option', name: 'rex:offset_field (with several named groups, max_match other than 1 or mode=sed)' }]
        : [];
    },
  },
);

function sedMapper(field: string, expr: string): EventMapper {
  const sed = compileSed(expr);
  return (event) => {
    const values = mvValues(event[field]);
    if (!values.length) return event;
    return { ...event, [field]: fromValues(values.map((v) => sed(toText(v) ?? ''))) };
  };
}

function extractMapper(field: string, command: RexCommand): EventMapper {
  const re = compileRegex(command.regex, command.options.offset_field !== undefined ? 'gd' : 'g');
  const limit = command.maxMatch === 0 ? Infinity : Math.max(1, command.maxMatch);
  const offsetField = optionText(command.options.offset_field);
  return (event) => {
    let offsets: string | undefined;
    const values = mvValues(event[field]);
    if (!values.length) return event;
    const found = new Map<string, Scalar[]>();
    let matches = 0;
    for (const v of values) {
      const text = toText(v) ?? '';
      re.lastIndex = 0;
      for (let m = re.exec(text); m && matches < limit; m = re.exec(text)) {
        matches++;
        for (const name in m.groups ?? {}) {
          const value = m.groups![name];
          if (value === undefined) continue;
          // offset_field: "the endpoints of the match in terms of zero-offset characters into the
          // matched field ... (?<tenchars>.{10}) ... the offset_field contents is "0-9"".
          if (offsetField !== undefined && offsets === undefined && m.indices?.groups?.[name]) {
            const [from, to] = m.indices.groups[name]!;
            offsets = `${from}-${to - 1}`;
          }
          const list = found.get(name);
          if (list) list.push(value);
          else found.set(name, [value]);
        }
        if (m[0] === '') re.lastIndex++; // an empty match must still move on
      }
      if (matches >= limit) break;
    }
    if (!found.size) return event;
    const out: Event = { ...event };
    for (const [name, list] of found) out[name] = fromValues(list);
    if (offsetField !== undefined && offsets) out[offsetField] = offsets;
    return out;
  };
}

export const command = defineCommand<RexCommand>({ names: ['rex'], syntax, spec: rex });
