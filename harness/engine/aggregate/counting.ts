/**
 * count and dc. Splunk: "count(<value>) returns the number of occurrences of the field";
 * "dc / distinct_count(<value>) returns the count of distinct values of the field".
 */
import { detach, toText } from '../values.js';
import type { Accumulator } from './types.js';

export function count(): Accumulator {
  let n = 0;
  return {
    add(values) {
      n += values.length;
    },
    result: () => n,
  };
}

export function distinctCount(): Accumulator {
  const seen = new Set<string>();
  return {
    add(values) {
      for (const v of values) {
        const t = toText(v) ?? '';
        if (!seen.has(t)) seen.add(detach(t));
      }
    },
    result: () => seen.size,
  };
}
