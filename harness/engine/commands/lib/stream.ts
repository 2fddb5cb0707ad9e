/** Small async-iterator helpers shared by the operators. */
import type { Event } from '../../types.js';

export async function* empty(): AsyncIterable<Event> {}

export async function* fromArray(events: Iterable<Event>): AsyncIterable<Event> {
  yield* events;
}

export async function collect(input: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of input) out.push(e);
  return out;
}

export async function* concat(...inputs: Array<() => AsyncIterable<Event>>): AsyncIterable<Event> {
  for (const input of inputs) yield* input();
}

/** Option values are text: `true`, `t`, `1` (any case) mean true. */
export function optionFlag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return /^(true|t|1|yes)$/i.test(value.replace(/^"|"$/g, ''));
}

/** A numeric option, or the fallback when absent or not a number. */
export function optionNumber(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/^"|"$/g, ''));
  return Number.isFinite(n) ? n : fallback;
}

/** An option's text without surrounding double quotes. */
export function optionText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** A fresh copy of an event, so that operators never mutate what an upstream stage still holds. */
