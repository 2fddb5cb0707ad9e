/**
 * Streaming commands as per-event functions. A streaming command maps one event to one event,
 * several (mvexpand), or none (a filter). Written this way, the executor can run a chain of them
 * in one pass per event instead of one async stage per command; the command's own operator is
 * derived from the same function, so there is one implementation either way.
 */
import type { Command } from '../../../spl/ast.js';
import type { Event } from '../../types.js';
import type { CommandSpec, EventMapper, RunContext } from '../types.js';

export type { EventMapper };

/** A streaming command spec from its mapper factory (called once per run, at the first event). */
export function streaming<C extends Command>(
  make: (command: C, ctx: RunContext) => EventMapper,
  extra: Omit<CommandSpec<C>, 'operator' | 'map'> = {},
): CommandSpec<C> {
  return {
    ...extra,
    map: make,
    operator: async function* (input, command, ctx) {
      const fn = make(command, ctx);
      for await (const event of input) {
        const r = fn(event);
        if (r === null) continue;
        if (Array.isArray(r)) yield* r;
        else yield r;
      }
    },
  };
}

/** Applies mappers in order to one event; results in `out`. */
export function applyMappers(fns: EventMapper[], event: Event, from: number, out: Event[]): void {
  let e: Event = event;
  for (let i = from; i < fns.length; i++) {
    const r = fns[i](e);
    if (r === null) return;
    if (Array.isArray(r)) {
      for (const x of r) applyMappers(fns, x, i + 1, out);
      return;
    }
    e = r;
  }
  out.push(e);
}
