/**
 * stats: "Calculates aggregate statistics, such as average, count, and sum, over the results set."
 * One row per combination of by-values (rows whose by-field is null are dropped), sorted by them;
 * every other field of the input is gone afterwards.
 */
import type { StatsCommand } from '../../spl/ast.js';
import { compileAggregation, isSupportedAggregation } from '../aggregate/index.js';
import { aggregateRows } from './lib/aggregate-rows.js';
import type { CommandSpec } from './types.js';
import type { Unsupported } from '../types.js';
import { optionFlag } from './lib/stream.js';

/** `allnum=true` ("computes numerical statistics on each field only if all of the values of that field are numerical") is not implemented. */
export function allnumUnsupported(command: StatsCommand): Unsupported[] {
  return optionFlag(command.options.allnum, false) ? [{ kind: 'option', name: `${command.name}:allnum` }] : [];
}

export const stats: CommandSpec<StatsCommand> = {
  options: ['allnum', 'delim', 'partitions', 'dedup_splitvals'],
  check: (command) => [
    ...command.aggregations.filter((a) => !isSupportedAggregation(a.func)).map((a) => ({ kind: 'function' as const, name: `${command.name}:${a.func}` })),
    ...allnumUnsupported(command),
  ],
  operator: (input, command, ctx) => aggregateRows(input, command.aggregations.map((a) => compileAggregation(a, ctx.evalContext)), command.by),
};
