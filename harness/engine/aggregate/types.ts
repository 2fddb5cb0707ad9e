import type { Event, FieldValue, Scalar } from '../types.js';

/**
 * The running state of one stats function for one group. `add` receives the values the
 * function's argument has in an event (every value of a multivalue field, none when the field
 * is missing) and the event itself (for `_time`); `count` with no argument receives one
 * placeholder value per event.
 */
export interface Accumulator {
  add(values: Scalar[], event: Event): void;
  result(): FieldValue | undefined;
}

export type AccumulatorFactory = (param?: number) => Accumulator;
