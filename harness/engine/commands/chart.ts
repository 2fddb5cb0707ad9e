/**
 * chart: "a transforming command that returns your results in a table format." `chart <aggs>
 * [BY <row-split> [<column-split>]]` or `chart <aggs> OVER <row-split> [BY <column-split>]`.
 * Without a column split it is `stats <aggs> by <row-split>` (rows sorted by the row-split
 * values). With one, each row-split value is one result and each column-split value one field
 * holding the single aggregation ("If you specify a column split, ... the values of the column
 * split field become the columns"); count-like cells of combinations without events are 0.
 * `limit=[top|bottom]<int>` (default top10, 0 keeps all) keeps the series with the largest
 * (smallest) sum of values and `useother` (default true) folds the rest into a column named
 * `otherstr` (default "OTHER"); events without the column field form the `nullstr` ("NULL")
 * column unless `usenull=false`. Several aggregations with a column split (their column names
 * join function and value) are unsupported, as are `agg=`, `sep=`, `format=`, `cont=` and the
 * bin options of a numeric row split.
 * https://help.splunk.com/splunk-enterprise/spl-search-reference/9.4/search-commands/chart
 */
import type { Event, Scalar, Unsupported } from '../types.js';
import { compileAggregation, isSupportedAggregation, type Accumulator } from '../aggregate/index.js';
import { mvValues, toNumber, toText } from '../values.js';
import { aggregateRows } from './lib/aggregate-rows.js';
import { compareGroups } from './lib/groups.js';
import { optionFlag, optionText } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { statsBody } from '../../spl/arg-parsers.js';
import { renderOptions, renderAggregation, renderWord, joinParts } from '../../spl/render.js';
import { openFields } from '../../spl/output-fields.js';
import { evalNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { Options, Aggregation, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface ChartCommand extends CommandNodeBase {
  cmd: 'chart';
  options: Options;
  aggregations: Aggregation[];
  /** The row split (OVER, or the first BY field) and the column split, when given. */
  row?: string;
  column?: string;
  /** Split fields beyond the two chart accepts (reported unsupported). */
  extra: string[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    chart: ChartCommand;
  }
}

const syntax: CommandSyntax<ChartCommand> = {
  cmd: 'chart',
  parse(r, base) {
    const body = statsBody(r, ['over']);
    let row: string | undefined;
    let by = body.by;
    if (r.eatKeyword('over')) {
      row = r.field();
      const rest = statsBody(r);
      Object.assign(body.options, rest.options);
      body.aggregations.push(...rest.aggregations);
      by = [row, ...rest.by];
    }
    r.expectEnd('chart');
    return { ...base, cmd: 'chart', options: body.options, aggregations: body.aggregations, row: by[0], column: by[1], extra: by.slice(2) };
  },
  render: (c) =>
    joinParts(
      'chart',
      ...renderOptions(c.options),
      c.aggregations.map(renderAggregation).join(' '),
      c.row !== undefined && `over ${renderWord(c.row)}`,
      c.column !== undefined && `by ${[c.column, ...c.extra].map(renderWord).join(' ')}`,
    ),
  children: (c) => c.aggregations.flatMap((a) => (a.evalArg ? [evalNode(a.evalArg)] : [])),
  outputFields: (before, c) => ({ ...openFields(before), fields: new Set(c.row ? [c.row] : []) }),
};

const OPTIONS = ['limit', 'useother', 'usenull', 'otherstr', 'nullstr'];
const countLike = (func: string) => /^(count|c|dc|distinct_count)$/i.test(func);

function parseLimit(text: string | undefined): { n: number; top: boolean } | undefined {
  const m = /^(top|bottom)?(\d+)$/i.exec(text ?? 'top10');
  return m ? { n: Number(m[2]), top: m[1]?.toLowerCase() !== 'bottom' } : undefined;
}

export const chart: CommandSpec<ChartCommand> = {
  options: OPTIONS,
  check(command): Unsupported[] {
    const out: Unsupported[] = command.aggregations.filter((a) => !isSupportedAggregation(a.func)).map((a) => ({ kind: 'function', name: `chart:${a.func}` }));
    for (const k of Object.keys(command.options)) if (!OPTIONS.includes(k)) out.push({ kind: 'option', name: `chart:${k}` });
    if (!parseLimit(optionText(command.options.limit))) out.push({ kind: 'option', name: `chart:limit=${command.options.limit}` });
    if (!command.aggregations.length) out.push({ kind: 'option', name: 'chart: no aggregation' });
    if (command.column !== undefined && command.aggregations.length > 1) out.push({ kind: 'option', name: 'chart: several aggregations with a column split' });
    if (command.extra.length) out.push({ kind: 'option', name: 'chart: more than two split fields' });
    return out;
  },
  operator: async function* (input, command, ctx) {
    const aggs = command.aggregations.map((a) => compileAggregation(a, ctx.evalContext));
    if (command.column === undefined) {
      yield* aggregateRows(input, aggs, command.row === undefined ? [] : [command.row]);
      return;
    }
    const row = command.row!;
    const column = command.column;
    const agg = aggs[0];
    const usenull = optionFlag(command.options.usenull, true);
    const nullstr = optionText(command.options.nullstr) ?? 'NULL';
    const otherstr = optionText(command.options.otherstr) ?? 'OTHER';
    const useother = optionFlag(command.options.useother, true);
    const limit = parseLimit(optionText(command.options.limit))!;
    const rows = new Map<string, { value: Scalar; cells: Map<string, Accumulator> }>();
    const series: string[] = [];
    for await (const event of input) {
      const rowValues = mvValues(event[row]);
      if (!rowValues.length) continue;
      let colKeys = mvValues(event[column]).map((v) => toText(v) ?? '');
      if (!colKeys.length) {
        if (!usenull) continue;
        colKeys = [nullstr];
      }
      const values = agg.valuesOf(event);
      for (const rv of new Set(rowValues)) {
        const rk = toText(rv) ?? '';
        let r = rows.get(rk);
        if (!r) rows.set(rk, (r = { value: rv, cells: new Map() }));
        for (const ck of new Set(colKeys)) {
          if (!series.includes(ck)) series.push(ck);
          let acc = r.cells.get(ck);
          if (!acc) r.cells.set(ck, (acc = agg.create()));
          acc.add(values, event);
        }
      }
    }
    const ordered = [...rows.values()].sort((a, b) => compareGroups([a.value], [b.value]));
    const results = ordered.map((r) => new Map([...r.cells].map(([k, acc]) => [k, acc.result()])));
    const total = (k: string) => results.reduce((s, cells) => s + (toNumber(cells.get(k)) ?? 0), 0);
    const ranked = series
      .map((k, i) => ({ k, i, sum: total(k) }))
      .sort((a, b) => (limit.top ? b.sum - a.sum : a.sum - b.sum) || a.i - b.i)
      .map((s) => s.k);
    const kept = limit.n === 0 ? ranked : ranked.slice(0, limit.n);
    const keptSet = new Set(kept);
    const columns = series.filter((k) => keptSet.has(k));
    const fill = countLike(command.aggregations[0].func) ? 0 : undefined;
    for (let i = 0; i < ordered.length; i++) {
      const out: Event = { [row]: ordered[i].value };
      for (const k of columns) {
        const v = results[i].get(k) ?? fill;
        if (v !== undefined) out[k] = v;
      }
      if (useother && kept.length < ranked.length)
        out[otherstr] = ranked.filter((k) => !keptSet.has(k)).reduce((s, k) => s + (toNumber(results[i].get(k)) ?? 0), 0);
      yield out;
    }
  },
};

export const command = defineCommand<ChartCommand>({ names: ['chart'], syntax, spec: chart });
