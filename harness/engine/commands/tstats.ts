/**
 * tstats over a CIM data model dataset (`from datamodel=Endpoint.Processes`): the `where` clause
 * filters with search semantics on the dataset's fields (`Processes.process_name=...`), `by`
 * groups, and the aggregations run as in stats. By-field names keep their dataset prefix; a later
 * `rename` (the `drop_dm_object_name` macro) strips it.
 *
 * `fillnull_value` (tstats doc, paraphrased): the value tstats substitutes for null values of any
 * field in its group-by list; without it, tstats omits the rows whose by-fields are null. With
 * `fillnull_value=null` (what `security_content_summariesonly` gives) the stand-in is the text "null".
 * `summariesonly` / `allow_old_summaries` only choose between accelerated summaries and raw
 * events in Splunk; here the dataset is always built from the events, so both are accepted.
 * `by _time span=1h` groups by the start of each hour.
 */
import type { Event, Unsupported } from '../types.js';
import { UnsupportedError } from '../types.js';
import { compileAggregation, isSupportedAggregation } from '../aggregate/index.js';
import { EVENT_TIME, eventTimeOf } from '../aggregate/types.js';
import { compileSearch } from '../match.js';
import type { EvalContext } from '../eval.js';
import { toNumber } from '../values.js';
import { GroupAggregator } from './lib/aggregate-rows.js';
import { parseSpan, timeBucket, type Span } from './lib/span.js';
import { optionFlag, optionText } from './lib/stream.js';
import { hasSubsearch, resolveSubsearches } from './lib/subsearch.js';
import { datasetEvents, datasetName } from './lib/datamodel.js';
import type { CommandSpec } from './types.js';
import { fail } from '../../spl/context.js';
import { parseSearchExpr } from '../../spl/search-expr.js';
import { aggregation } from '../../spl/arg-parsers.js';
import { renderOptionValue, renderOptions, renderAggregation, renderList, joinParts, renderSearchExpr } from '../../spl/render.js';
import { aggregationName, hasWildcardField } from '../../spl/output-fields.js';
import { searchNode, evalNode } from '../../spl/walk.js';
import { defineCommand } from './types.js';
import type { Options, SearchExpr, Aggregation, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface TstatsCommand extends CommandNodeBase {
  cmd: 'tstats';
  options: Options;
  aggregations: Aggregation[];
  /** `Endpoint.Processes` from `from datamodel=Endpoint.Processes`. */
  datamodel?: string;
  /** `nodename=...` when given. */
  nodename?: string;
  where: SearchExpr | null;
  by: string[];
  /** `span=1h` after `by _time`. */
  timeSpan?: string;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    tstats: TstatsCommand;
  }
}

/**
 * `nodename=<dataset>` among the top-level AND terms of a tstats where clause: the data model
 * dataset the search is restricted to (`where nodename=All_Traffic.Blocked_Traffic`). It stays
 * in the where clause as well.
 */
function whereNodename(where: SearchExpr | null): string | undefined {
  const terms = where === null ? [] : where.type === 'and' ? where.items : [where];
  for (const t of terms) if (t.type === 'compare' && t.op === '=' && t.field === 'nodename') return t.value.text;
  return undefined;
}

/**
 * `tstats [options] <aggregations> [from datamodel=<dm>.<dataset>] [where <search>] [by <fields> [span=<t>]]`.
 * The where clause is a search expression (the search command's precedence).
 */
const syntax: CommandSyntax<TstatsCommand> = {
  cmd: 'tstats',
  generating: true,
  readsEvents: true,
  datamodels: (c) => (c.datamodel ? [datasetName(c.datamodel, c.nodename)] : []),
  parse(r, base) {
    const options: Options = {};
    const aggregations: Aggregation[] = [];
    let by: string[] = [];
    let where: SearchExpr | null = null;
    let datamodel: string | undefined;
    let timeSpan: string | undefined;
    let inBy = false;
    const keywords = ['from', 'where', 'by'];
    while (!r.atEnd()) {
      if (r.eatComma()) continue;
      const o = r.option();
      if (o) {
        // `by _time span=1h, Filesystem.dest`: a comma may separate the by-fields, span= among them.
        if (o[0] === 'span') timeSpan = o[1].replace(/,$/, '');
        else options[o[0]] = o[1];
        continue;
      }
      if (r.eatKeyword('from')) {
        const t = r.peek();
        const dm = r.option();
        if (dm && dm[0] === 'datamodel') datamodel = dm[1];
        else {
          const word = r.field('datamodel=<name> after FROM');
          const m = /^datamodel:(.+)$/i.exec(word);
          if (!m) fail(`expected datamodel=<name> after FROM but found '${t.raw}'`, t);
          datamodel = m![1].replace(/^"(.*)"$/, '$1');
        }
        continue;
      }
      if (r.eatKeyword('where')) {
        where = parseSearchExpr(r.s, r.ctx, { stopWords: ['by'] });
        continue;
      }
      if (r.eatKeyword('by')) {
        by = r.fieldList(keywords);
        inBy = true;
        continue;
      }
      if (inBy) {
        // `by _time span=1h Processes.dest ...`: span= may sit between by-fields, which go on after it.
        const more = r.fieldList(keywords);
        if (more.length) {
          by.push(...more);
          continue;
        }
      }
      aggregations.push(aggregation(r));
    }
    const cmd: TstatsCommand = { ...base, cmd: 'tstats', options, aggregations, where, by };
    if (datamodel !== undefined) cmd.datamodel = datamodel;
    const nodename = options.nodename ?? whereNodename(where);
    if (nodename !== undefined) cmd.nodename = nodename;
    if (timeSpan !== undefined) cmd.timeSpan = timeSpan;
    return cmd;
  },
  render: (c) =>
    joinParts(
      'tstats',
      ...renderOptions(c.options),
      c.aggregations.map(renderAggregation).join(' '),
      c.datamodel !== undefined && `from datamodel=${renderOptionValue(c.datamodel)}`,
      c.where && `where ${renderSearchExpr(c.where)}`,
      c.by.length > 0 && `by ${renderList(c.by)}`,
      c.timeSpan !== undefined && `span=${renderOptionValue(c.timeSpan)}`,
    ),
  children: (c) => [...c.aggregations.flatMap((a) => (a.evalArg ? [evalNode(a.evalArg)] : [])), ...(c.where ? [searchNode(c.where)] : [])],
  outputFields(_before, c) {
    const outputs = c.aggregations.map(aggregationName);
    const closed = outputs.every(Boolean) && !hasWildcardField(c.by) && !c.aggregations.some((a) => a.field?.includes('*') || a.as?.includes('*'));
    return { closed, fields: new Set([...c.by, ...(outputs.filter(Boolean) as string[])]) };
  },
};

export const tstats: CommandSpec<TstatsCommand> = {
  options: ['summariesonly', 'allow_old_summaries', 'fillnull_value', 'local', 'chunk_size', 'include_reduced_buckets', 'append'],
  check(command) {
    const out: Unsupported[] = command.aggregations
      .filter((a) => !isSupportedAggregation(a.func))
      .map((a) => ({ kind: 'function' as const, name: `tstats:${a.func}` }));
    if (command.timeSpan !== undefined && parseSpan(command.timeSpan) === undefined) out.push({ kind: 'option', name: `tstats:span=${command.timeSpan}` });
    return out;
  },
  operator: async function* (input, command, ctx) {
    if (!ctx.first && optionFlag(command.options.append, false)) yield* input;
    let events: AsyncIterable<Event>;
    if (command.datamodel) {
      const ds = datasetEvents(ctx.source, command.datamodel, command.nodename, command);
      if (!ds) throw new UnsupportedError([{ kind: 'datamodel', name: command.datamodel }]);
      events = ds;
    } else {
      events = ctx.source.events(command); // tstats over indexed fields
    }
    const where = command.where ? compileSearch(await resolveSubsearches(command.where, ctx)) : undefined;
    const groups = tstatsGroups(command, ctx.evalContext);
    for await (const e of events) if (!where || where(e)) groups.add(e);
    yield* groups.rows();
  },
};

/**
 * The aggregation of a tstats over the rows its `where` keeps, fed one row at a time; undefined
 * when the `where` holds a subsearch (only known once that runs). For a caller that pushes rows
 * (the shared scan); the operator above runs the same.
 */
export function tstatsAggregator(
  command: TstatsCommand,
  evalContext: EvalContext,
  opts: { filtered?: boolean } = {},
): { add(row: Event): void; rows(): Event[] } | undefined {
  if (command.where && hasSubsearch(command.where)) return undefined;
  // `filtered`: the caller hands only rows its own test of this `where` kept.
  const where = command.where && !opts.filtered ? compileSearch(command.where) : undefined;
  const groups = tstatsGroups(command, evalContext);
  return {
    add: (row) => {
      if (!where || where(row)) groups.add(row);
    },
    rows: () => groups.rows(),
  };
}

function tstatsGroups(command: TstatsCommand, evalContext: EvalContext): GroupAggregator {
  const span: Span | undefined = command.timeSpan !== undefined ? parseSpan(command.timeSpan) : undefined;
  const fill = command.options.fillnull_value !== undefined ? optionText(command.options.fillnull_value) : undefined;
  return new GroupAggregator(
    command.aggregations.map((a) => compileAggregation(a, evalContext)),
    command.by,
    { fill, prepare: span && command.by.includes('_time') ? bucketer(span) : undefined },
  );
}

/**
 * The row with `_time` at the start of its span. The shared scan hands the same rows to every
 * tstats search, a batch at a time: those with the same span share one copy of each row (nothing
 * changes a row once made), found by the row itself among the last ones copied.
 */
const bucketedBySpan = new Map<string, Map<Event, Event>>();
/** Rows remembered per span: more than a batch of the shared scan (runner/scan.ts SCAN_LIMITS). */
const BUCKETED_KEPT = 1024;
function bucketer(span: Span): (event: Event) => Event {
  const key = `${span.size} ${span.unit}`;
  let copies = bucketedBySpan.get(key);
  if (!copies) bucketedBySpan.set(key, (copies = new Map()));
  const kept = copies;
  return (event) => {
    const t = toNumber(event._time);
    if (t === undefined) return event;
    let copy = kept.get(event);
    if (!copy) {
      if (kept.size >= BUCKETED_KEPT) kept.clear();
      kept.set(event, (copy = { ...event, _time: timeBucket(t, span), [EVENT_TIME]: eventTimeOf(event, t) } as Event));
    }
    return copy;
  };
}

export const command = defineCommand<TstatsCommand>({ names: ['tstats'], syntax, spec: tstats });
