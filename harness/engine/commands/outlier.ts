/**
 * outlier: "Removes or truncates outlying numeric values in selected fields. If no fields are
 * specified, then the outlier command attempts to process all fields." With the only type, iqr,
 * a value is an outlier when it lies above Q3 + param × IQR (and, with `uselower=true`, below
 * Q1 − param × IQR); `param` defaults to 2.5. "action: ... remove (RM) removes events containing
 * outlying numerical values ... transform (TF) truncates the outlying values to the threshold"
 * (default transform); `mark=true` prefixes a truncated value with "000". Quartiles interpolate
 * linearly between ranks. The command needs every result before it can emit one.
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event, Unsupported } from '../types.js';
import { isNumeric, mvValues, toNumber } from '../values.js';
import { readGenericArgs } from './lib/generic-args.js';
import { optionFlag, optionNumber } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';
import { defineCommand } from './types.js';

const OPTIONS = ['type', 'action', 'mark', 'param', 'uselower'];

function quantile(sorted: number[], q: number): number {
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const outlier: CommandSpec<GenericCommand> = {
  check(command) {
    const { options } = readGenericArgs(command.args);
    const out: Unsupported[] = Object.keys(options)
      .filter((k) => !OPTIONS.includes(k))
      .map((k) => ({ kind: 'option', name: `outlier:${k}` }));
    if (options.type !== undefined && options.type.toLowerCase() !== 'iqr') out.push({ kind: 'option', name: `outlier:type=${options.type}` });
    if (options.action !== undefined && !/^(rm|remove|tf|transform)$/i.test(options.action))
      out.push({ kind: 'option', name: `outlier:action=${options.action}` });
    return out;
  },
  operator: async function* (input, command) {
    const { options, words } = readGenericArgs(command.args);
    const remove = /^(rm|remove)$/i.test(options.action ?? 'transform');
    const mark = optionFlag(options.mark, false);
    const param = optionNumber(options.param, 2.5);
    const uselower = optionFlag(options.uselower, false);
    const held: Event[] = [];
    for await (const e of input) held.push(e);

    const fields = words.length
      ? words.flatMap((w) => w.split(',')).filter(Boolean)
      : [...new Set(held.flatMap((e) => Object.keys(e)))].filter((f) => !f.startsWith('_'));
    const limits = new Map<string, { lower: number; upper: number }>();
    for (const f of fields) {
      const xs = held
        .map((e) => mvValues(e[f]))
        .filter((vs) => vs.length === 1 && isNumeric(vs[0]))
        .map((vs) => toNumber(vs[0])!);
      if (!xs.length) continue;
      xs.sort((a, b) => a - b);
      const q1 = quantile(xs, 0.25);
      const q3 = quantile(xs, 0.75);
      const iqr = q3 - q1;
      limits.set(f, { lower: uselower ? q1 - param * iqr : -Infinity, upper: q3 + param * iqr });
    }
    for (const event of held) {
      let out: Event | undefined;
      let drop = false;
      for (const [f, { lower, upper }] of limits) {
        const n = toNumber(event[f]);
        if (n === undefined || (n <= upper && n >= lower)) continue;
        if (remove) {
          drop = true;
          break;
        }
        out ??= { ...event };
        const bound = n > upper ? upper : lower;
        out[f] = mark ? `000${bound}` : bound;
      }
      if (!drop) yield out ?? event;
    }
  },
};

export const command = defineCommand<GenericCommand>({ names: ['outlier'], syntax: GENERIC_SYNTAX, spec: outlier });
