/**
 * Grouping by `by` fields, shared by stats, eventstats, streamstats, tstats and timechart.
 * "If a BY field has no value in an event, that event is not included in the results" (stats):
 * an event missing a by-field belongs to no group, unless a fill value stands in for it
 * (tstats `fillnull_value`). A multivalue by-field puts the event in one group per value.
 */
import { compareValues, mvValues, toText } from '../../values.js';
import type { Event, Scalar } from '../../types.js';

/** Every combination of by-values of the event; none when a by-field is missing and there is no fill. */
export function groupCombinations(event: Event, by: string[], fill?: string): Scalar[][] {
  let combos: Scalar[][] = [[]];
  for (const field of by) {
    let vs = mvValues(event[field]);
    if (vs.length === 0) {
      if (fill === undefined) return [];
      vs = [fill];
    }
    if (vs.length === 1) {
      for (const c of combos) c.push(vs[0]);
    } else {
      const next: Scalar[][] = [];
      for (const c of combos) for (const v of new Set(vs)) next.push([...c, v]);
      combos = next;
    }
  }
  return combos;
}

/** A stable text key for a combination of by-values: each value's length before it, so no two combinations share one. */
export function groupKey(values: Scalar[]): string {
  if (values.length === 1) return toText(values[0]) ?? '';
  let key = '';
  for (const v of values) {
    const text = toText(v) ?? '';
    key += `${text.length}:${text}`;
  }
  return key;
}

/**
 * The event's by-values into `into` when each by-field holds exactly one value (the common case,
 * grouped without `groupCombinations`' arrays); false when one is missing or multivalue.
 */
export function singleValues(event: Event, by: string[], into: Scalar[]): boolean {
  for (let i = 0; i < by.length; i++) {
    const v = event[by[i]];
    if (v === undefined || v === null || Array.isArray(v)) return false;
    into[i] = v;
  }
  return true;
}

/** Orders groups by their by-values, first field first (numerically when both are numbers). */
export function compareGroups(a: Scalar[], b: Scalar[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}
