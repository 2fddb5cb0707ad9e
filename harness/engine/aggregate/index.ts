/**
 * The stats functions shared by stats, eventstats, streamstats, tstats and timechart: which
 * exist, what their output column is called, and how each reads its argument from an event.
 */
import type { Aggregation } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { mvValues, toFieldValueArray } from './values.js';
import type { Accumulator, AccumulatorFactory } from './types.js';
import { count, distinctCount } from './counting.js';
import { max, min, range } from './extremes.js';
import { earliest, earliestTime, first, last, latest, latestTime, list, mode, values } from './collections.js';
import { avg, median, percentile, stdev, stdevp, sum, sumsq, variance, variancep } from './numeric.js';
import { compileRaw, type EvalContext } from '../commands/lib/expr.js';

export type { Accumulator } from './types.js';

const FACTORIES: Record<string, AccumulatorFactory> = {
  count,
  c: count,
  dc: distinctCount,
  distinct_count: distinctCount,
  min,
  max,
  range,
  values,
  list,
  first,
  last,
  earliest,
  latest,
  earliest_time: earliestTime,
  latest_time: latestTime,
  mode,
  avg,
  mean: avg,
  sum,
  sumsq,
  stdev,
  stdevp,
  var: variance,
  varp: variancep,
  median,
};

/** `perc95`, `p95`, `exactperc99.5`, `upperperc90`: a percentile function and its P. */
const PERCENTILE = /^(?:perc|p|exactperc|upperperc)(\d+(?:\.\d+)?)$/;

function factoryFor(func: string): AccumulatorFactory | undefined {
  const f = FACTORIES[func];
  if (f) return f;
  const m = PERCENTILE.exec(func);
  if (m) {
    const p = Number(m[1]);
    return () => percentile(p);
  }
  return undefined;
}

export function isSupportedAggregation(func: string): boolean {
  return factoryFor(func.toLowerCase()) !== undefined;
}

/** The output column: the `as` name, else Splunk's default `func(field)` (or `count` alone). */
export function aggregationName(agg: Aggregation): string {
  if (agg.as) return agg.as;
  if (agg.field) return `${agg.func}(${agg.field})`;
  return agg.func;
}

export interface CompiledAggregation {
  name: string;
  create(): Accumulator;
  /** The values this function's argument has in the event. */
  valuesOf(event: Event): Scalar[];
}

const ONE: Scalar[] = [1];

export function compileAggregation(agg: Aggregation, ctx: EvalContext): CompiledAggregation {
  const func = agg.func.toLowerCase();
  const factory = factoryFor(func);
  if (!factory) throw new Error(`unknown stats function ${agg.func}`);
  let valuesOf: (event: Event) => Scalar[];
  if (agg.evalArg) {
    // count(eval(x="a")): "eval" arguments count where the expression is true; a false comparison
    // is not a value (Splunk stores a false boolean as null), any other non-null result is one.
    const fn = compileRaw(agg.evalArg, ctx);
    valuesOf = (event) => toFieldValueArray(fn(event));
  } else if (agg.field !== undefined) {
    const field = agg.field;
    valuesOf = (event) => mvValues(event[field]);
  } else {
    valuesOf = () => ONE; // bare `count`: one per event
  }
  return { name: aggregationName(agg), create: () => factory(), valuesOf };
}
