/**
 * The grouping aggregation behind stats and tstats: consumes the stream, keeps one accumulator
 * per (group, function), and emits one row per group, sorted by the by-values. Memory is bounded
 * by the number of groups, not the number of events.
 */
import type { Event, Scalar } from '../../types.js';
import { detach } from '../../values.js';
import type { Accumulator, CompiledAggregation } from '../../aggregate/index.js';
import { compareGroups, groupCombinations, groupKey, singleValues } from './groups.js';

export interface AggregateOptions {
  /** Stand-in for a missing by-field (tstats `fillnull_value`); without it the event is dropped. */
  fill?: string;
  /** Rewrites an event's fields before grouping (tstats `by _time span=`). */
  prepare?: (event: Event) => Event;
}

export async function* aggregateRows(
  input: AsyncIterable<Event>,
  aggs: CompiledAggregation[],
  by: string[],
  opts: AggregateOptions = {},
): AsyncIterable<Event> {
  const groups = new GroupAggregator(aggs, by, opts);
  for await (const raw of input) groups.add(raw);
  yield* groups.rows();
}

/** One group: its by-values and one accumulator per function. */
interface Group {
  values: Scalar[];
  accs: Accumulator[];
}

/** The same aggregation fed one event at a time (a caller that pushes rows: the shared scan). */
export class GroupAggregator {
  private readonly groups = new Map<string, Group>();
  /** Each function's values in the event being added, and its by-values when single (arrays reused). */
  private readonly perAgg: Scalar[][];
  private readonly single: Scalar[];

  constructor(
    private readonly aggs: CompiledAggregation[],
    private readonly by: string[],
    private readonly opts: AggregateOptions = {},
  ) {
    this.perAgg = aggs.map(() => []);
    this.single = by.map(() => '');
  }

  add(raw: Event): void {
    const { aggs, opts, perAgg } = this;
    const event = opts.prepare ? opts.prepare(raw) : raw;
    const combos = singleValues(event, this.by, this.single) ? undefined : groupCombinations(event, this.by, opts.fill);
    if (combos && combos.length === 0) return;
    for (let i = 0; i < aggs.length; i++) perAgg[i] = aggs[i].valuesOf(event);
    if (!combos) this.addTo(this.groupOf(this.single), event);
    else for (const values of combos) this.addTo(this.groupOf(values), event);
  }

  private addTo(g: Group, event: Event): void {
    for (let i = 0; i < this.aggs.length; i++) g.accs[i].add(this.perAgg[i], event);
  }

  /** The group of a combination of by-values (copied when the group is new: `single` is reused). */
  private groupOf(values: Scalar[]): Group {
    const key = groupKey(values);
    let g = this.groups.get(key);
    if (!g) {
      // Kept past the event: values and key must not keep its text alive (values.ts detach).
      g = { values: values.map(detach), accs: this.aggs.map((a) => a.create()) };
      this.groups.set(detach(key), g);
    }
    return g;
  }

  /** One row per group, sorted by the by-values. */
  rows(): Event[] {
    const { aggs, by, groups } = this;
    // "stats count" over no events still answers one row (count=0); with a by clause there are no groups.
    if (groups.size === 0 && by.length === 0) groups.set('', { values: [], accs: aggs.map((a) => a.create()) });
    const ordered = [...groups.values()].sort((a, b) => compareGroups(a.values, b.values));
    return ordered.map((g) => {
      const row: Event = {};
      by.forEach((field, i) => (row[field] = g.values[i]));
      aggs.forEach((a, i) => {
        const v = g.accs[i].result();
        if (v !== undefined) row[a.name] = v;
      });
      return row;
    });
  }
}
