/**
 * eventstats: "Generates summary statistics from fields in your events and saves those statistics
 * in a new field ... the results of an eventstats command are added inline to each event", for
 * events in the aggregation group. It must see every event before emitting the first one.
 */
import type { Event, FieldValue } from '../types.js';
import { compileAggregation, isSupportedAggregation, type Accumulator } from '../aggregate/index.js';
import { groupCombinations, groupKey } from './lib/groups.js';
import type { CommandSpec } from './types.js';
import { allnumGuard, statsSyntax, statsAddedFields } from './stats.js';
import { defineCommand } from './types.js';
import type { CommandSyntax } from '../../spl/grammar.js';
import type { StatsCommand } from './stats.js';

const syntax: CommandSyntax<StatsCommand> = { ...statsSyntax, outputFields: statsAddedFields };

export const eventstats: CommandSpec<StatsCommand> = {
  options: ['allnum'],
  check: (command) => [
    ...command.aggregations.filter((a) => !isSupportedAggregation(a.func)).map((a) => ({ kind: 'function' as const, name: `eventstats:${a.func}` })),
  ],
  operator: async function* (input, command, ctx) {
    const aggs = command.aggregations.map((a) => compileAggregation(a, ctx.evalContext));
    const guard = allnumGuard(command);
    const held: Array<{ event: Event; key?: string }> = [];
    const groups = new Map<string, Accumulator[]>();
    for await (const event of input) {
      guard?.observe(event);
      const combos = groupCombinations(event, command.by);
      const perAgg = aggs.map((a) => a.valuesOf(event));
      let firstKey: string | undefined;
      for (const values of combos) {
        const key = groupKey(values);
        firstKey ??= key;
        let accs = groups.get(key);
        if (!accs) groups.set(key, (accs = aggs.map((a) => a.create())));
        for (let i = 0; i < aggs.length; i++) accs[i].add(perAgg[i], event);
      }
      held.push({ event, key: firstKey });
    }
    const results = new Map<string, Array<FieldValue | undefined>>();
    for (const [key, accs] of groups)
      results.set(
        key,
        accs.map((a) => a.result()),
      );
    for (const { event, key } of held) {
      if (key === undefined) {
        yield event; // no by-value: no statistics for this event
        continue;
      }
      const out = { ...event };
      const vs = results.get(key)!;
      aggs.forEach((a, i) => {
        if (vs[i] === undefined || guard?.suppressed(i)) delete out[a.name];
        else out[a.name] = vs[i];
      });
      yield out;
    }
  },
};

export const command = defineCommand<StatsCommand>({ names: ['eventstats'], syntax, spec: eventstats });
