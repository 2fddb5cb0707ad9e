/**
 * timechart: "Creates a time series chart with corresponding table of statistics." Results are
 * grouped into `_time` buckets of `span=` (required here: the automatic span depends on the time
 * range picker, which a test does not have). Without `by`, one column per aggregation; with
 * `by <field>`, one column per value of the field for the single aggregation. Every bucket between
 * the first and the last appears (empty ones too), count-like columns filled with 0. `limit=N`
 * keeps the N largest series and sums the rest into OTHER unless `useother=false`; `limit=0`
 * keeps all (default 10).
 */
import type { Event, Unsupported } from '../types.js';
import { compileAggregation, isSupportedAggregation, type Accumulator } from '../aggregate/index.js';
import { mvValues, toNumber, toText } from '../values.js';
import { parseSpan, timeBucket, type Span } from './lib/span.js';
import { optionFlag, optionNumber, optionText } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { statsBody } from '../../spl/arg-parsers.js';
import { renderOptions, renderAggregation, renderList, joinParts } from '../../spl/render.js';
import { evalNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { Options, Aggregation, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface TimechartCommand extends CommandNodeBase {
  cmd: 'timechart';
  options: Options;
  aggregations: Aggregation[];
  by: string[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    timechart: TimechartCommand;
  }
}

const syntax: CommandSyntax<TimechartCommand> = {
  cmd: 'timechart',
  parse(r, base) {
    const { options, aggregations, by } = statsBody(r);
    return { ...base, cmd: 'timechart', options, aggregations, by };
  },
  render: (c) => joinParts(c.name, ...renderOptions(c.options), c.aggregations.map(renderAggregation).join(' '), c.by.length > 0 && `by ${renderList(c.by)}`),
  children: (c) => c.aggregations.flatMap((a) => (a.evalArg ? [evalNode(a.evalArg)] : [])),
};

const MAX_FILLED_BUCKETS = 100_000;

const NEXT = (t: number, span: Span) => {
  if (span.unit !== 'months') return t + span.size;
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + span.size, 1) / 1000;
};

export const timechart: CommandSpec<TimechartCommand> = {
  options: ['span', 'limit', 'useother', 'usenull', 'otherstr', 'nullstr', 'partial', 'cont', 'fixedrange', 'minspan', 'bins'],
  check(command) {
    const out: Unsupported[] = command.aggregations
      .filter((a) => !isSupportedAggregation(a.func))
      .map((a) => ({ kind: 'function', name: `timechart:${a.func}` }));
    const span = optionText(command.options.span);
    if (span === undefined || !parseSpan(span))
      out.push({
        kind: 'option',
        // "If you do not specify a span, the default span is determined by the time range of the
        // search" (bin options): a replayed test has no time range picker, so no span follows.
        name: `timechart:${span === undefined ? 'automatic span (Splunk derives it from the search time range, which a replayed test does not have)' : `span=${span}`}`,
      });
    if (command.by.length > 1 || (command.by.length === 1 && command.aggregations.length > 1))
      out.push({ kind: 'option', name: 'timechart:several series dimensions' });
    return out;
  },
  operator: async function* (input, command, ctx) {
    const spanText = optionText(command.options.span)!;
    const parsed = parseSpan(spanText)!;
    const span: Span = parsed.unit === 'number' ? { size: parsed.size, unit: 'seconds' } : parsed;
    const aggs = command.aggregations.map((a) => compileAggregation(a, ctx.evalContext));
    const byField = command.by[0];
    const usenull = optionFlag(command.options.usenull, true);
    const nullstr = optionText(command.options.nullstr) ?? 'NULL';
    const buckets = new Map<number, Map<string, Accumulator[]>>();
    const series = new Map<string, number>();
    for await (const event of input) {
      const t = toNumber(event._time);
      if (t === undefined) continue;
      const b = timeBucket(t, span);
      let keys: string[];
      if (byField === undefined) keys = [''];
      else {
        keys = mvValues(event[byField]).map((v) => toText(v) ?? '');
        if (!keys.length) {
          if (!usenull) continue;
          keys = [nullstr];
        }
      }
      let bucket = buckets.get(b);
      if (!bucket) buckets.set(b, (bucket = new Map()));
      const perAgg = aggs.map((a) => a.valuesOf(event));
      for (const k of keys) {
        let accs = bucket.get(k);
        if (!accs) bucket.set(k, (accs = aggs.map((a) => a.create())));
        aggs.forEach((_, i) => accs![i].add(perAgg[i], event));
        series.set(k, (series.get(k) ?? 0) + 1);
      }
    }
    if (!buckets.size) return;
    // Series kept: the `limit` largest by event count; the rest fold into OTHER.
    const limit = optionNumber(command.options.limit, 10);
    const useother = optionFlag(command.options.useother, true);
    const otherstr = optionText(command.options.otherstr) ?? 'OTHER';
    const ranked = [...series.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    const kept = new Set(byField === undefined || limit === 0 ? ranked : ranked.slice(0, limit));
    const countLike = (func: string) => /^(count|c|dc|distinct_count)$/i.test(func);
    const times = [...buckets.keys()].sort((a, b) => a - b);
    // Empty buckets between the first and the last are listed too, unless that would make an
    // absurd number of rows (a tiny span over a long range): then only the non-empty ones.
    // "cont: Specifies whether the chart is continuous or not" (default true): cont=false lists only
    // the buckets that have events.
    const cont = optionFlag(command.options.cont, true);
    let rowTimes: number[] = cont ? [] : times;
    for (let t = times[0]; cont && t <= times[times.length - 1]; t = NEXT(t, span)) {
      rowTimes.push(t);
      if (rowTimes.length > MAX_FILLED_BUCKETS) {
        rowTimes = times;
        break;
      }
    }
    for (const t of rowTimes) {
      const row: Event = { _time: t };
      const bucket = buckets.get(t);
      if (byField === undefined) {
        aggs.forEach((a, i) => {
          const v = bucket?.get('')?.[i].result();
          row[a.name] = v ?? (countLike(command.aggregations[i].func) ? 0 : undefined);
          if (row[a.name] === undefined) delete row[a.name];
        });
      } else {
        const func = command.aggregations[0].func;
        let other = 0;
        for (const k of ranked) {
          const v = bucket?.get(k)?.[0].result();
          if (kept.has(k)) {
            if (v !== undefined) row[k] = v;
            else if (countLike(func)) row[k] = 0;
          } else other += toNumber(v) ?? 0;
        }
        if (useother && kept.size < ranked.length) row[otherstr] = other;
      }
      yield row;
    }
  },
};

export const command = defineCommand<TimechartCommand>({ names: ['timechart'], syntax, spec: timechart });
