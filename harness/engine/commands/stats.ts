/**
 * stats: "Calculates aggregate statistics, such as average, count, and sum, over the results set."
 * One row per combination of by-values (rows whose by-field is null are dropped), sorted by them;
 * every other field of the input is gone afterwards.
 */
import { compileAggregation, isSupportedAggregation } from '../aggregate/index.js';
import { aggregateRows } from './lib/aggregate-rows.js';
import type { CommandSpec } from './types.js';
import type { Event, Unsupported } from '../types.js';
import { isNumeric, mvValues } from '../values.js';
import { optionFlag } from './lib/stream.js';
import { fail } from '../../spl/context.js';
import { statsBody } from '../../spl/arg-parsers.js';
import { renderOptions, renderAggregation, renderList, joinParts } from '../../spl/render.js';
import { addFields, openFields, aggregationName, hasWildcardField } from '../../spl/output-fields.js';
import { evalNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { Options, Aggregation, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax, OutputFields } from '../../spl/grammar.js';

export interface StatsCommand extends CommandNodeBase {
  cmd: 'stats';
  /** 'stats' | 'eventstats' | 'streamstats' */
  name: string;
  options: Options;
  aggregations: Aggregation[];
  by: string[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    stats: StatsCommand;
  }
}

/** The syntax stats, eventstats and streamstats share; each names its own output fields. */
export const statsSyntax: CommandSyntax<StatsCommand> = {
  cmd: 'stats',
  parse(r, base) {
    const { options, aggregations, by } = statsBody(r);
    if (aggregations.length === 0) fail(`${base.name} needs at least one aggregation such as count`, base.span);
    return { ...base, cmd: 'stats', options, aggregations, by };
  },
  render: (c) => joinParts(c.name, ...renderOptions(c.options), c.aggregations.map(renderAggregation).join(' '), c.by.length > 0 && `by ${renderList(c.by)}`),
  children: (c) => c.aggregations.flatMap((a) => (a.evalArg ? [evalNode(a.evalArg)] : [])),
};

/** eventstats and streamstats keep every field and add the aggregations. */
export function statsAddedFields(before: OutputFields, c: StatsCommand): OutputFields {
  const outputs = c.aggregations.map(aggregationName);
  return outputs.every(Boolean) ? addFields(before, ...(outputs as string[])) : openFields(before);
}

const syntax: CommandSyntax<StatsCommand> = {
  ...statsSyntax,
  outputFields(_before, c) {
    const outputs = c.aggregations.map(aggregationName);
    if (!outputs.every(Boolean) || hasWildcardField(c.by) || c.aggregations.some((a) => a.field?.includes('*') || a.as?.includes('*')))
      return { closed: false, fields: new Set([...c.by, ...outputs.filter(Boolean)] as string[]) };
    return { closed: true, fields: new Set([...c.by, ...(outputs as string[])]) };
  },
};

/** streamstats `allnum=true`: whether "all of the values of that field" are numerical is not known while streaming. */
export function allnumUnsupported(command: StatsCommand): Unsupported[] {
  return optionFlag(command.options.allnum, false) ? [{ kind: 'option', name: `${command.name}:allnum` }] : [];
}

/**
 * The numerical statistics `allnum` governs: the functions that read their values as numbers.
 * min/max (which order text too), count, dc, values, list, first, last and mode are not numerical
 * statistics (the engine's reading: the page does not list them).
 */
const NUMERICAL = /^(?:avg|mean|sum|sumsq|median|range|stdev|stdevp|var|varp|(?:perc|p|exactperc|upperperc)\d+(?:\.\d+)?)$/i;

/**
 * `allnum=true`: "If true, computes numerical statistics on each field only if all of the values of
 * that field are numerical" (stats, eventstats; default false). `observe` sees every event; after
 * the last, `suppressed(i)` says whether aggregation i is left out because its field had a value
 * that is not a number.
 */
export function allnumGuard(command: StatsCommand): { observe(event: Event): void; suppressed(i: number): boolean } | undefined {
  if (!optionFlag(command.options.allnum, false)) return undefined;
  const numerical = command.aggregations.map((a) => a.field !== undefined && !a.evalArg && NUMERICAL.test(a.func));
  const watched = [...new Set(command.aggregations.filter((_, i) => numerical[i]).map((a) => a.field!))];
  const mixed = new Set<string>();
  return {
    observe(event) {
      for (const f of watched) if (!mixed.has(f) && mvValues(event[f]).some((v) => !isNumeric(v))) mixed.add(f);
    },
    suppressed: (i) => numerical[i] && mixed.has(command.aggregations[i].field!),
  };
}

async function* observed(input: AsyncIterable<Event>, observe: (event: Event) => void): AsyncIterable<Event> {
  for await (const event of input) {
    observe(event);
    yield event;
  }
}

export const stats: CommandSpec<StatsCommand> = {
  options: ['allnum', 'delim', 'partitions', 'dedup_splitvals'],
  check: (command) => [
    ...command.aggregations.filter((a) => !isSupportedAggregation(a.func)).map((a) => ({ kind: 'function' as const, name: `${command.name}:${a.func}` })),
  ],
  operator: async function* (input, command, ctx) {
    const aggs = command.aggregations.map((a) => compileAggregation(a, ctx.evalContext));
    const guard = allnumGuard(command);
    const rows = aggregateRows(guard ? observed(input, (e) => guard.observe(e)) : input, aggs, command.by);
    if (!guard) return yield* rows;
    for await (const row of rows) {
      const out = { ...row };
      aggs.forEach((a, i) => {
        if (guard.suppressed(i)) delete out[a.name];
      });
      yield out;
    }
  },
};

export const command = defineCommand<StatsCommand>({ names: ['stats'], syntax, spec: stats });
