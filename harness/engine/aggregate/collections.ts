/** values, list, first, last, earliest, latest, mode. */
import { detach, detachAll, fromValues, toNumber, toText } from '../values.js';
import type { FieldValue, Scalar } from '../types.js';
import type { Accumulator } from './types.js';

/**
 * values(X): "Returns the list of all distinct values of the field X as a multivalue entry. The order
 * of the values is lexicographical." Values are compared as text.
 */
export function values(): Accumulator {
  const seen = new Set<string>();
  return {
    add(vs) {
      for (const v of vs) {
        const t = toText(v) ?? '';
        if (!seen.has(t)) seen.add(detach(t));
      }
    },
    result() {
      const keys = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return fromValues(keys);
    },
  };
}

/** list(X): "The order of the values reflects the order of the events. If more than 100 values are in a field, only the first 100 are returned." */
export const LIST_MAX = 100;
export function list(): Accumulator {
  const out: Scalar[] = [];
  return {
    add(vs) {
      for (const v of vs) if (out.length < LIST_MAX) out.push(detach(v));
    },
    result: () => fromValues(out),
  };
}

/** first(X) / last(X): the value of the first / last event seen (in stream order) that has X. */
export function first(): Accumulator {
  let value: FieldValue | undefined;
  return {
    add(vs) {
      if (value === undefined && vs.length) value = fromValues(detachAll(vs));
    },
    result: () => value,
  };
}
export function last(): Accumulator {
  let value: FieldValue | undefined;
  return {
    add(vs) {
      if (vs.length) value = fromValues(detachAll(vs));
    },
    result: () => value,
  };
}

/**
 * earliest(X) / latest(X): "the chronologically earliest / most recent seen occurrence of a value
 * of a field", ordered by `_time`; the `_time` variants return that time itself.
 */
function byTime(pick: 'earliest' | 'latest', output: 'value' | 'time'): Accumulator {
  let best: { time: number; value: FieldValue } | undefined;
  return {
    add(vs, event) {
      if (!vs.length) return;
      const time = toNumber(event._time);
      if (time === undefined) return;
      if (!best || (pick === 'earliest' ? time < best.time : time > best.time)) best = { time, value: fromValues(detachAll(vs))! };
    },
    result: () => (best ? (output === 'time' ? best.time : best.value) : undefined),
  };
}
export const earliest = () => byTime('earliest', 'value');
export const latest = () => byTime('latest', 'value');
export const earliestTime = () => byTime('earliest', 'time');
export const latestTime = () => byTime('latest', 'time');

/** mode(X): "the most frequent value of the field"; the first seen wins a tie. */
export function mode(): Accumulator {
  const counts = new Map<string, { v: Scalar; n: number }>();
  return {
    add(vs) {
      for (const v of vs) {
        const t = toText(v) ?? '';
        const c = counts.get(t);
        if (c) c.n++;
        else counts.set(detach(t), { v: detach(v), n: 1 });
      }
    },
    result() {
      let best: { v: Scalar; n: number } | undefined;
      for (const c of counts.values()) if (!best || c.n > best.n) best = c;
      return best?.v;
    },
  };
}
