/**
 * Whether a search's result rows depend on the order its events arrive in. Splunk hands a search
 * its events newest first (see runner/run.ts newestFirst); producing that order for a large file
 * costs passes (time windows), so a search whose result cannot tell is given the events in file
 * order instead, with the same rows in the same order.
 *
 * The result is independent of the input order once an aggregation whose functions ignore order
 * has run (`stats`/`tstats` rows come out sorted by their by-fields, one per group): before it,
 * only row-local streaming commands (those with a per-event mapper: they keep each event's place
 * and look at nothing else) may run. Anything else — head, dedup, sort's ties, eventstats,
 * streamstats, transaction, first()/last()/list(), a search that ends in events (their order is
 * the result's), a subsearch or join that reads events again — depends on the order, or may.
 *
 * earliest()/latest() pick by `_time`, ties going to the newest event by its own time, then to the
 * first in the file (aggregate/collections.ts). Events with equal times keep their file order both
 * in Splunk's order (newest first, ties in file order) and in file order, so the pick is the same,
 * as long as the `_time` compared is the event's own or its span's (tstats, which keeps the own
 * one beside it): the aggregation reads the events, and nothing before it may have rewritten
 * `_time` (`keepsEventTime`).
 */
import type { Aggregation, Command, Pipeline } from '../spl/ast.js';
import { captureNames } from '../spl/output-fields.js';
import { commandSpec } from './commands/index.js';
import type { RunContext } from './commands/types.js';

/** Aggregations whose value is the same whatever order the rows come in (ties included). */
const ORDER_FREE = new Set([
  'count',
  'c',
  'dc',
  'distinct_count',
  'estdc',
  'estdc_error',
  'sum',
  'sumsq',
  'avg',
  'mean',
  'min',
  'max',
  'range',
  'values',
  'stdev',
  'stdevp',
  'var',
  'varp',
  'median',
  'earliest_time',
  'latest_time',
  'rate',
]);

/** Order-free when they read each event's own `_time` (see above). */
const BY_EVENT_TIME = new Set(['earliest', 'latest']);

function orderFree(a: Aggregation, readsEvents: boolean): boolean {
  return ORDER_FREE.has(a.func) || (readsEvents && BY_EVENT_TIME.has(a.func)) || /^(p|perc|exactperc|upperperc)\d+(\.\d+)?$/.test(a.func);
}

/**
 * Whether a row-local command certainly leaves `_time` as it was: filters, and commands whose
 * targets are all named and none is `_time`. Anything else (bin, fillnull, a wildcard rename, a
 * lookup writing every column, rex's `_KEY_` names, eval's `{field}`) may rewrite it.
 */
function keepsEventTime(command: Command): boolean {
  // A wildcard, or eval's `{field}` (named by a value), may turn out to be `_time`.
  const named = (to: string) => to !== '_time' && !/[*{]/.test(to);
  switch (command.cmd) {
    case 'search':
    case 'where':
    case 'fields':
      return true;
    case 'eval':
      return command.assignments.every((a) => named(a.field));
    case 'rename':
      return command.renames.every((r) => named(r.to));
    case 'rex':
      return command.mode === 'sed' ? command.field !== '_time' : captureNames(command.regex).every((n) => named(n) && !n.startsWith('_KEY_'));
    case 'lookup':
      return command.outputs.length > 0 && command.outputs.every((o) => named(o.to));
    default:
      return false;
  }
}

function rowLocal(command: Command, ctx: RunContext): boolean {
  const spec = commandSpec(command);
  return spec?.map !== undefined && (spec.streamable?.(command, ctx) ?? true);
}

/**
 * True when the rows a pipeline returns may differ with the order of its input events.
 * `readsEventsElsewhere`: whether any command other than the first reads events (a subsearch, a
 * join): those reads would come in file order too, so such a pipeline always counts as dependent.
 */
export function dependsOnEventOrder(pipeline: Pipeline, readsEventsElsewhere: boolean): boolean {
  if (readsEventsElsewhere) return true;
  const ctx = { first: false } as RunContext;
  let ownTime = pipeline.commands[0]?.cmd === 'search';
  for (const [i, command] of pipeline.commands.entries()) {
    const aggregates = (command.cmd === 'stats' && command.name === 'stats') || command.cmd === 'tstats';
    if (aggregates) {
      // tstats first reads the events; stats reads them after a leading search when `_time` is still theirs.
      const readsEvents = command.cmd === 'tstats' ? i === 0 : ownTime;
      return !command.aggregations.every((a) => orderFree(a, readsEvents));
    }
    // The leading search reads and filters events one at a time.
    if (i === 0 && command.cmd === 'search') continue;
    if (!rowLocal(command, ctx)) return true;
    ownTime &&= keepsEventTime(command);
  }
  // Only row-local commands: the rows are the events, in their order.
  return true;
}
