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

/**
 * On a row whose `_time` was moved to the start of its span (tstats `by _time span=`): the event's
 * own time. earliest()/latest() break ties in the span by it, as the order Splunk hands events in
 * (newest first) would, so that their pick does not depend on that order (engine/order.ts).
 */
export const EVENT_TIME = Symbol("the event's own _time");

/** The event's own time of a row: its EVENT_TIME when it has one, else `time`. */
export function eventTimeOf(row: Event, time: number): number {
  const own = (row as { [EVENT_TIME]?: number })[EVENT_TIME];
  return own === undefined ? time : own;
}
