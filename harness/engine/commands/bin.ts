/**
 * bin (alias bucket): "Puts continuous numerical values into discrete sets, or bins."
 * - On `_time` with `span=` the value becomes the start of its time bucket (epoch seconds, UTC,
 *   aligned to the epoch; `mon` spans to calendar months).
 * - On another numeric field with `span=N` the value becomes the range text "lo-hi" (e.g.
 *   `bin size span=10` turns 23 into "20-30"), as bin prints numeric bins.
 * - `as` writes the result to another field. Events whose value is not a number pass unchanged.
 * `bins=` (a target number of bins) depends on the whole result set and is not supported.
 */
import type { Unsupported } from '../types.js';
import { formatNumber, toNumber } from '../values.js';
import { parseSpan, timeBucket } from './lib/span.js';
import { optionText } from './lib/stream.js';
import { streaming } from './lib/streaming.js';
import { renderWord, renderOptions, joinParts } from '../../spl/render.js';
import { addFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface BinCommand extends CommandNodeBase {
  cmd: 'bin';
  field: string;
  as?: string;
  options: Options;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    bin: BinCommand;
  }
}

/** `bin|bucket [options] <field> [AS <name>]`. */
const syntax: CommandSyntax<BinCommand> = {
  cmd: 'bin',
  parse(r, base) {
    const options = r.options({});
    const field = r.field();
    let as: string | undefined;
    if (r.eatKeyword('as')) as = r.field('a name after AS');
    r.options(options);
    r.expectEnd(base.name);
    const cmd: BinCommand = { ...base, cmd: 'bin', field, options };
    if (as !== undefined) cmd.as = as;
    return cmd;
  },
  render: (c) => joinParts(c.name, ...renderOptions(c.options), renderWord(c.field), c.as !== undefined && `as ${renderWord(c.as)}`),
  outputFields: (before, c) => addFields(before, c.as ?? c.field),
};

export const bin = streaming<BinCommand>(
  (command) => {
    const span = parseSpan(optionText(command.options.span)!)!;
    const align = Number(optionText(command.options.aligntime) ?? 0);
    const target = command.as ?? command.field;
    const isTime = command.field === '_time' || span.unit !== 'number';
    return (event) => {
      const n = toNumber(event[command.field]);
      if (n === undefined) {
        return event;
      }
      let value: string | number;
      if (isTime) value = timeBucket(n - align, span.unit === 'number' ? { size: span.size, unit: 'seconds' } : span) + align;
      else {
        const lo = Math.floor(n / span.size) * span.size;
        value = `${formatNumber(lo)}-${formatNumber(lo + span.size)}`;
      }
      return { ...event, [target]: value };
    };
  },
  {
    options: ['span', 'aligntime', 'minspan'],
    check(command) {
      const out: Unsupported[] = [];
      const span = command.options.span;
      if (span === undefined) out.push({ kind: 'option', name: `${command.name}:bins (automatic span)` });
      else if (!parseSpan(optionText(span)!)) out.push({ kind: 'option', name: `${command.name}:span=${span}` });
      const align = command.options.aligntime;
      if (align !== undefined && !/^\d+$/.test(optionText(align)!)) out.push({ kind: 'option', name: `${command.name}:aligntime=${align}` });
      return out;
    },
  },
);

export const command = defineCommand<BinCommand>({ names: ['bin', 'bucket'], syntax, spec: bin });
