/**
 * count and dc. Splunk: "count(<value>) returns the number of occurrences of the field";
 * "dc / distinct_count(<value>) returns the count of distinct values of the field".
 */
import type { Scalar } from '../types.js';
import { DistinctTexts } from './distinct.js';
import type { Accumulator } from './types.js';

class Count implements Accumulator {
  private n = 0;

  add(values: Scalar[]): void {
    this.n += values.length;
  }

  result(): number {
    return this.n;
  }
}

class DistinctCount extends DistinctTexts {
  result(): number {
    return this.distinctCount();
  }
}

export function count(): Accumulator {
  return new Count();
}

export function distinctCount(): Accumulator {
  return new DistinctCount();
}
