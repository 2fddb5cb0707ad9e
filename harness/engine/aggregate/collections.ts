/** values, list, first, last, earliest, latest, mode. */
import { detach, detachAll, fromValues, toNumber, toText } from '../values.js';
import type { Event, FieldValue, Scalar } from '../types.js';
import { DistinctTexts } from './distinct.js';
import { eventTimeOf, type Accumulator } from './types.js';

class Values extends DistinctTexts {
  result(): FieldValue | undefined {
    const keys = this.texts().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return fromValues(keys);
  }
}

/**
 * values(X): "Returns the list of all distinct values of the field X as a multivalue entry. The order
 * of the values is lexicographical." Values are compared as text.
 */
export function values(): Accumulator {
  return new Values();
}

/** list(X): "The order of the values reflects the order of the events. If more than 100 values are in a field, only the first 100 are returned." */
export const LIST_MAX = 100;
class List implements Accumulator {
  private readonly out: Scalar[] = [];

  add(vs: Scalar[]): void {
    for (const v of vs) if (this.out.length < LIST_MAX) this.out.push(detach(v));
  }

  result(): FieldValue | undefined {
    return fromValues(this.out);
  }
}

export function list(): Accumulator {
  return new List();
}

class First implements Accumulator {
  private value: FieldValue | undefined = undefined;

  add(vs: Scalar[]): void {
    if (this.value === undefined && vs.length) this.value = fromValues(detachAll(vs));
  }

  result(): FieldValue | undefined {
    return this.value;
  }
}

class Last implements Accumulator {
  private value: FieldValue | undefined = undefined;

  add(vs: Scalar[]): void {
    if (vs.length) this.value = fromValues(detachAll(vs));
  }

  result(): FieldValue | undefined {
    return this.value;
  }
}

/** first(X) / last(X): the value of the first / last event seen (in stream order) that has X. */
export function first(): Accumulator {
  return new First();
}
export function last(): Accumulator {
  return new Last();
}

class ByTime implements Accumulator {
  private time = 0;
  /** The picked event's own time, which breaks ties between rows of one span (EVENT_TIME). */
  private own = 0;
  /** Undefined until an event with a `_time` has the field. */
  private value: FieldValue | undefined = undefined;

  constructor(
    private readonly pick: 'earliest' | 'latest',
    private readonly output: 'value' | 'time',
  ) {}

  add(vs: Scalar[], event: Event): void {
    if (!vs.length) return;
    const time = toNumber(event._time);
    if (time === undefined) return;
    const own = eventTimeOf(event, time);
    // Events come newest first, so among equal times the first seen is the newest by its own
    // time, and among equal own times the first in the file. Picking that explicitly gives the
    // same value in any order in which equal own times keep their file order (engine/order.ts).
    const wins = this.pick === 'earliest' ? time < this.time : time > this.time;
    if (this.value === undefined || wins || (time === this.time && own > this.own)) {
      this.time = time;
      this.own = own;
      this.value = fromValues(detachAll(vs))!;
    }
  }

  result(): FieldValue | undefined {
    if (this.value === undefined) return undefined;
    return this.output === 'time' ? this.time : this.value;
  }
}

/**
 * earliest(X) / latest(X): "the chronologically earliest / most recent seen occurrence of a value
 * of a field", ordered by `_time`; the `_time` variants return that time itself.
 */
export const earliest = (): Accumulator => new ByTime('earliest', 'value');
export const latest = (): Accumulator => new ByTime('latest', 'value');
export const earliestTime = (): Accumulator => new ByTime('earliest', 'time');
export const latestTime = (): Accumulator => new ByTime('latest', 'time');

class Mode implements Accumulator {
  private readonly counts = new Map<string, { v: Scalar; n: number }>();

  add(vs: Scalar[]): void {
    for (const v of vs) {
      const t = toText(v) ?? '';
      const c = this.counts.get(t);
      if (c) c.n++;
      else this.counts.set(detach(t), { v: detach(v), n: 1 });
    }
  }

  result(): Scalar | undefined {
    let best: { v: Scalar; n: number } | undefined;
    for (const c of this.counts.values()) if (!best || c.n > best.n) best = c;
    return best?.v;
  }
}

/** mode(X): "the most frequent value of the field"; the first seen wins a tie. */
export function mode(): Accumulator {
  return new Mode();
}
