/**
 * min, max and range. Splunk: "max(<value>) returns the maximum value in a field ... If the values
 * in the field are non-numeric, the maximum value is found using lexicographical ordering";
 * "This function processes field values as numbers if possible, otherwise processes field values
 * as strings." So numbers win when there are any; text is compared only when no value is numeric.
 */
import { detach, toNumber, toText } from '../values.js';
import type { Scalar } from '../types.js';
import type { Accumulator } from './types.js';

function extreme(sign: 1 | -1): Accumulator {
  let bestNumber: { n: number; v: Scalar } | undefined;
  let bestText: string | undefined;
  return {
    add(values) {
      for (const v of values) {
        const n = toNumber(v);
        if (n !== undefined) {
          if (!bestNumber || (n - bestNumber.n) * sign > 0) bestNumber = { n, v };
        } else {
          const t = toText(v) ?? '';
          if (bestText === undefined || (t > bestText ? 1 : t < bestText ? -1 : 0) * sign > 0) bestText = detach(t);
        }
      }
    },
    result: () => (bestNumber ? bestNumber.n : bestText),
  };
}

export const min = (): Accumulator => extreme(-1);
export const max = (): Accumulator => extreme(1);

/** range(X): "the difference between the max and min values of the field", numeric values only. */
export function range(): Accumulator {
  let lo = Infinity;
  let hi = -Infinity;
  return {
    add(values) {
      for (const v of values) {
        const n = toNumber(v);
        if (n === undefined) continue;
        if (n < lo) lo = n;
        if (n > hi) hi = n;
      }
    },
    result: () => (hi >= lo ? hi - lo : undefined),
  };
}
