/** avg, sum, sumsq, stdev, var, median and percentiles: numeric values only, others ignored. */
import { toNumber } from '../values.js';
import type { Scalar } from '../types.js';
import type { Accumulator } from './types.js';

/** A running total of the numeric values (of their squares for sumsq) and how many there were. */
class Total implements Accumulator {
  private total = 0;
  private n = 0;

  constructor(private readonly of: 'avg' | 'sum' | 'sumsq') {}

  add(vs: Scalar[]): void {
    for (const v of vs) {
      const x = toNumber(v);
      if (x === undefined) continue;
      this.total += this.of === 'sumsq' ? x * x : x;
      this.n++;
    }
  }

  result(): number | undefined {
    if (this.n === 0) return undefined;
    return this.of === 'avg' ? this.total / this.n : this.total;
  }
}

/** avg(X): "Returns the average of the values of field X." */
export const avg = (): Accumulator => new Total('avg');

/** sum(X): "Returns the sum of the values of the field X." */
export const sum = (): Accumulator => new Total('sum');

export const sumsq = (): Accumulator => new Total('sumsq');

type SpreadKind = 'stdev' | 'var' | 'stdevp' | 'varp';

class Spread implements Accumulator {
  private n = 0;
  private mean = 0;
  private m2 = 0;

  constructor(private readonly kind: SpreadKind) {}

  add(vs: Scalar[]): void {
    for (const v of vs) {
      const x = toNumber(v);
      if (x === undefined) continue;
      this.n++;
      const d = x - this.mean;
      this.mean += d / this.n;
      this.m2 += d * (x - this.mean);
    }
  }

  result(): number | undefined {
    const { n, kind } = this;
    const population = kind === 'stdevp' || kind === 'varp';
    if (n === 0 || (!population && n < 2)) return n === 1 && !population ? 0 : undefined;
    const variance = this.m2 / (population ? n : n - 1);
    return kind.startsWith('stdev') ? Math.sqrt(variance) : variance;
  }
}

/**
 * stdev / var: the sample standard deviation and variance (divide by n-1); stdevp / varp the
 * population ones (divide by n). Welford's update keeps it numerically stable.
 */
export const stdev = (): Accumulator => new Spread('stdev');
export const stdevp = (): Accumulator => new Spread('stdevp');
export const variance = (): Accumulator => new Spread('var');
export const variancep = (): Accumulator => new Spread('varp');

/**
 * Rank statistics need every value: keep them all, and hand `pick` a sorted copy (ascending,
 * never empty) when the result is asked for; no numbers at all give no result.
 */
abstract class Ranked implements Accumulator {
  private readonly xs: number[] = [];

  add(vs: Scalar[]): void {
    for (const v of vs) {
      const x = toNumber(v);
      if (x !== undefined) this.xs.push(x);
    }
  }

  result(): number | undefined {
    return this.xs.length ? this.pick([...this.xs].sort((a, b) => a - b)) : undefined;
  }

  protected abstract pick(sorted: number[]): number;
}

class Median extends Ranked {
  protected pick(sorted: number[]): number {
    return sorted[Math.floor(sorted.length / 2)];
  }
}

class Percentile extends Ranked {
  constructor(private readonly p: number) {
    super();
  }

  protected pick(sorted: number[]): number {
    const rank = (this.p / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
  }
}

/**
 * median(X): "Returns the middle-most value of the field X ... If you have an even number of
 * events, by default the median calculation is approximated to the higher of the two values."
 */
export function median(): Accumulator {
  return new Median();
}

/**
 * perc<P>(X) / p<P> / exactperc<P> / upperperc<P>: the P-th percentile, computed exactly with
 * linear interpolation between the two nearest ranks (Splunk's perc is an approximation of this
 * for large inputs; on the small inputs of tests the two agree).
 */
export function percentile(p = 50): Accumulator {
  return new Percentile(p);
}
