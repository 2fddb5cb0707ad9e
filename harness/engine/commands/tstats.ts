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
import type { TstatsCommand } from '../../spl/ast.js';
import { compileAggregation, isSupportedAggregation } from '../aggregate/index.js';
import { compileSearch } from '../match.js';
import { toNumber } from '../values.js';
import { aggregateRows } from './lib/aggregate-rows.js';
import { parseSpan, timeBucket, type Span } from './lib/span.js';
import { optionFlag, optionText } from './lib/stream.js';
import { resolveSubsearches } from './lib/subsearch.js';
import { datasetEvents } from './lib/datamodel.js';
import type { CommandSpec } from './types.js';

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
      const ds = datasetEvents(ctx.source, command.datamodel, command.nodename);
      if (!ds) throw new UnsupportedError([{ kind: 'datamodel', name: command.datamodel }]);
      events = ds;
    } else {
      events = ctx.source.events(); // tstats over indexed fields
    }
    const where = command.where ? compileSearch(await resolveSubsearches(command.where, ctx)) : undefined;
    const span: Span | undefined = command.timeSpan !== undefined ? parseSpan(command.timeSpan) : undefined;
    const fill = command.options.fillnull_value !== undefined ? optionText(command.options.fillnull_value) : undefined;
    async function* filtered() {
      for await (const e of events) if (!where || where(e)) yield e;
    }
    yield* aggregateRows(filtered(), command.aggregations.map((a) => compileAggregation(a, ctx.evalContext)), command.by, {
      fill,
      prepare: span && command.by.includes('_time') ? (e) => bucketTime(e, span) : undefined,
    });
  },
};

function bucketTime(event: Event, span: Span): Event {
  const t = toNumber(event._time);
  return t === undefined ? event : { ...event, _time: timeBucket(t, span) };
}
