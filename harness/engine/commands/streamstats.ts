/**
 * streamstats: "Adds cumulative summary statistics to all search results in a streaming manner",
 * each event getting the statistics of the events before it (and itself unless `current=false`).
 * Options: `window=N` (the last N events), `time_window=<span>` (events within the span before
 * this one; input in time order), `global` ("use a single window ... or separate windows based on
 * the by clause", default true), `reset_on_change`, `reset_before` / `reset_after` (eval tests).
 * State is one window (or one set of accumulators) per group, never the whole stream.
 */
import type { Event, Scalar, Unsupported } from '../types.js';
import { compileAggregation, isSupportedAggregation, type Accumulator } from '../aggregate/index.js';
import { toNumber } from '../values.js';
import { groupCombinations, groupKey } from './lib/groups.js';
import { parseSpan } from './lib/span.js';
import { optionFlag, optionNumber, optionText } from './lib/stream.js';
import type { CommandSpec } from './types.js';
import { allnumUnsupported, statsSyntax, statsAddedFields } from './stats.js';
import { parseEvalExpression } from '../../spl/parse.js';
import { compileTest, type EvalContext } from './lib/expr.js';
import { defineCommand } from './types.js';
import type { CommandSyntax } from '../../spl/grammar.js';
import type { StatsCommand } from './stats.js';

const syntax: CommandSyntax<StatsCommand> = { ...statsSyntax, outputFields: statsAddedFields };

interface Entry {
  key: string;
  values: Scalar[][];
  event: Event;
  time: number;
}

export const streamstats: CommandSpec<StatsCommand> = {
  options: ['window', 'current', 'global', 'time_window', 'reset_on_change', 'reset_before', 'reset_after', 'allnum'],
  check(command) {
    const out: Unsupported[] = command.aggregations
      .filter((a) => !isSupportedAggregation(a.func))
      .map((a) => ({ kind: 'function' as const, name: `streamstats:${a.func}` }));
    const tw = command.options.time_window;
    if (tw !== undefined && parseSpan(optionText(tw)!)?.unit !== 'seconds') out.push({ kind: 'option', name: `streamstats:time_window=${tw}` });
    return [...out, ...allnumUnsupported(command)];
  },
  operator: async function* (input, command, ctx) {
    const aggs = command.aggregations.map((a) => compileAggregation(a, ctx.evalContext));
    const opts = command.options;
    const window = optionNumber(opts.window, 0);
    const current = optionFlag(opts.current, true);
    const global = optionFlag(opts.global, true);
    const timeWindow = opts.time_window !== undefined ? parseSpan(optionText(opts.time_window)!)!.size : undefined;
    const resetOnChange = optionFlag(opts.reset_on_change, false);
    const resetBefore = opts.reset_before !== undefined ? conditionOf(opts.reset_before, ctx.evalContext) : undefined;
    const resetAfter = opts.reset_after !== undefined ? conditionOf(opts.reset_after, ctx.evalContext) : undefined;
    const windowed = window > 0 || timeWindow !== undefined;

    // Unwindowed: running accumulators per group. Windowed: the entries in the window, recomputed per event.
    let running = new Map<string, Accumulator[]>();
    let entries: Entry[] = [];
    let lastKey: string | undefined;

    const reset = () => {
      running = new Map();
      entries = [];
    };
    const compute = (key: string): Array<ReturnType<Accumulator['result']>> => {
      if (!windowed) return (running.get(key) ?? aggs.map((a) => a.create())).map((a) => a.result());
      const accs = aggs.map((a) => a.create());
      for (const e of entries) if (e.key === key) e.values.forEach((vs, i) => accs[i].add(vs, e.event));
      return accs.map((a) => a.result());
    };
    const add = (key: string, values: Scalar[][], event: Event) => {
      if (!windowed) {
        let accs = running.get(key);
        if (!accs) running.set(key, (accs = aggs.map((a) => a.create())));
        values.forEach((vs, i) => accs![i].add(vs, event));
        return;
      }
      entries.push({ key, values, event, time: toNumber(event._time) ?? 0 });
    };
    const trim = (key: string, now: number) => {
      if (!windowed) return;
      if (timeWindow !== undefined) entries = entries.filter((e) => e.time > now - timeWindow);
      if (window > 0) {
        if (global || command.by.length === 0) {
          if (entries.length > window) entries.splice(0, entries.length - window);
        } else {
          const mine = entries.filter((e) => e.key === key);
          if (mine.length > window) {
            const drop = new Set(mine.slice(0, mine.length - window));
            entries = entries.filter((e) => !drop.has(e));
          }
        }
      }
    };

    for await (const event of input) {
      if (resetBefore?.(event)) reset();
      const combos = groupCombinations(event, command.by);
      if (combos.length === 0) {
        yield event;
        continue;
      }
      const key = groupKey(combos[0]);
      if (resetOnChange && lastKey !== undefined && key !== lastKey) reset();
      lastKey = key;
      const values = aggs.map((a) => a.valuesOf(event));
      const now = toNumber(event._time) ?? 0;
      let results;
      if (current) {
        // The window holds N events including this one.
        add(key, values, event);
        trim(key, now);
        results = compute(key);
      } else {
        trim(key, now);
        results = compute(key);
        add(key, values, event);
        if (window > 0) trim(key, now);
      }
      const out = { ...event };
      aggs.forEach((a, i) => {
        if (results[i] === undefined) delete out[a.name];
        else out[a.name] = results[i];
      });
      yield out;
      if (resetAfter?.(out)) reset();
    }
  },
};

function conditionOf(text: string, evalContext: EvalContext) {
  const src = optionText(text)!.replace(/^\((.*)\)$/s, '$1');
  const { expr, errors } = parseEvalExpression(src);
  if (!expr || errors.length) throw new Error(`streamstats: cannot read condition ${text}: ${errors.map((e) => e.message).join('; ')}`);
  return compileTest(expr, evalContext);
}

export const command = defineCommand<StatsCommand>({ names: ['streamstats'], syntax, spec: streamstats });
