/** avg, sum, sumsq, stdev, var, median and percentiles: numeric values only, others ignored. */
import { toNumber } from '../values.js';
import type { Accumulator } from './types.js';

function numbersOf(values: unknown[], into: (n: number) => void) {
  for (const v of values) {
    const n = toNumber(v as string | number);
    if (n !== undefined) into(n);
  }
}

/** avg(X): "Returns the average of the values of field X." */
export function avg(): Accumulator {
  let sum = 0;
  let n = 0;
  return {
    add: (vs) =>
      numbersOf(vs, (x) => {
        sum += x;
        n++;
      }),
    result: () => (n ? sum / n : undefined),
  };
}

/** sum(X): "Returns the sum of the values of the field X." */
export function sum(): Accumulator {
  let total = 0;
  let n = 0;
  return {
    add: (vs) =>
      numbersOf(vs, (x) => {
        total += x;
        n++;
      }),
    result: () => (n ? total : undefined),
  };
}

export function sumsq(): Accumulator {
  let total = 0;
  let n = 0;
  return {
    add: (vs) =>
      numbersOf(vs, (x) => {
        total += x * x;
        n++;
      }),
    result: () => (n ? total : undefined),
  };
}

/**
 * stdev / var: the sample standard deviation and variance (divide by n-1); stdevp / varp the
 * population ones (divide by n). Welford's update keeps it numerically stable.
 */
function spread(kind: 'stdev' | 'var' | 'stdevp' | 'varp'): Accumulator {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  return {
    add: (vs) =>
      numbersOf(vs, (x) => {
        n++;
        const d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
      }),
    result() {
      const population = kind === 'stdevp' || kind === 'varp';
      if (n === 0 || (!population && n < 2)) return n === 1 && !population ? 0 : undefined;
      const variance = m2 / (population ? n : n - 1);
      return kind.startsWith('stdev') ? Math.sqrt(variance) : variance;
    },
  };
}
export const stdev = () => spread('stdev');
export const stdevp = () => spread('stdevp');
export const variance = () => spread('var');
export const variancep = () => spread('varp');

/**
 * Rank statistics need every value: keep them all, and hand `pick` a sorted copy (ascending,
 * never empty) when the result is asked for; no numbers at all give no result.
 */
function ofSorted(pick: (sorted: number[]) => number): Accumulator {
  const xs: number[] = [];
  return {
    add: (vs) => numbersOf(vs, (x) => xs.push(x)),
    result: () => (xs.length ? pick([...xs].sort((a, b) => a - b)) : undefined),
  };
}

/**
 * median(X): "Returns the middle-most value of the field X ... If you have an even number of
 * events, by default the median calculation is approximated to the higher of the two values."
 */
export function median(): Accumulator {
  return ofSorted((sorted) => sorted[Math.floor(sorted.length / 2)]);
}

/**
 * perc<P>(X) / p<P> / exactperc<P> / upperperc<P>: the P-th percentile, computed exactly with
 * linear interpolation between the two nearest ranks (Splunk's perc is an approximation of this
 * for large inputs; on the small inputs of tests the two agree).
 */
export function percentile(p = 50): Accumulator {
  return ofSorted((sorted) => {
    const rank = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  });
}
