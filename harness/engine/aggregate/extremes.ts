/**
 * min, max and range. Splunk: "max(<value>) returns the maximum value in a field ... If the values
 * in the field are non-numeric, the maximum value is found using lexicographical ordering";
 * "This function processes field values as numbers if possible, otherwise processes field values
 * as strings." So numbers win when there are any; text is compared only when no value is numeric.
 */
import { detach, toNumber, toText } from '../values.js';
import type { Scalar } from '../types.js';
import type { Accumulator } from './types.js';

abstract class Extreme implements Accumulator {
  private bestNumber: number | undefined = undefined;
  private bestText: string | undefined = undefined;
  /** 1 keeps the largest value, -1 the smallest (a getter: it costs no field per group). */
  protected abstract get sign(): 1 | -1;

  add(values: Scalar[]): void {
    const sign = this.sign;
    for (const v of values) {
      const n = toNumber(v);
      if (n !== undefined) {
        if (this.bestNumber === undefined || (n - this.bestNumber) * sign > 0) this.bestNumber = n;
      } else {
        const t = toText(v) ?? '';
        const best = this.bestText;
        if (best === undefined || (t > best ? 1 : t < best ? -1 : 0) * sign > 0) this.bestText = detach(t);
      }
    }
  }

  result(): Scalar | undefined {
    return this.bestNumber !== undefined ? this.bestNumber : this.bestText;
  }
}

class Min extends Extreme {
  protected get sign(): -1 {
    return -1;
  }
}

class Max extends Extreme {
  protected get sign(): 1 {
    return 1;
  }
}

export const min = (): Accumulator => new Min();
export const max = (): Accumulator => new Max();

class Range implements Accumulator {
  private lo = Infinity;
  private hi = -Infinity;

  add(values: Scalar[]): void {
    for (const v of values) {
      const n = toNumber(v);
      if (n === undefined) continue;
      if (n < this.lo) this.lo = n;
      if (n > this.hi) this.hi = n;
    }
  }

  result(): number | undefined {
    return this.hi >= this.lo ? this.hi - this.lo : undefined;
  }
}

/** range(X): "the difference between the max and min values of the field", numeric values only. */
export function range(): Accumulator {
  return new Range();
}
