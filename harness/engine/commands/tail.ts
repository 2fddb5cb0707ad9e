/**
 * tail: "Returns the last N number of specified results. The events are returned in reverse
 * order, starting at the end of the result set" (default 10). It keeps only the last N.
 */
import type { Event } from '../types.js';
import type { CommandSpec } from './types.js';
import { defineCommand } from './types.js';
import { headSyntax } from './head.js';
import type { HeadCommand } from './head.js';

export const tail: CommandSpec<HeadCommand> = {
  operator: async function* (input, command) {
    const keep: Event[] = [];
    for await (const event of input) {
      keep.push(event);
      if (keep.length > command.count) keep.shift();
    }
    for (let i = keep.length - 1; i >= 0; i--) yield keep[i];
  },
};

export const command = defineCommand<HeadCommand>({ names: ['tail'], syntax: headSyntax, spec: tail });
