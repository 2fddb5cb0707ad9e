/**
 * Commands the parser leaves untyped (`cmd: 'generic'`, arguments as tokens) that the engine
 * implements from their tokens. Each is small enough to live here with its doc sentence.
 */
import type { GenericCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import type { CommandSpec } from './types.js';

/** reverse: "Reverses the order of the results." Holds the results. */
const reverse: CommandSpec<GenericCommand> = {
  operator: async function* (input) {
    const all: Event[] = [];
    for await (const e of input) all.push(e);
    for (let i = all.length - 1; i >= 0; i--) yield all[i];
  },
};

export const GENERIC_COMMANDS: Record<string, CommandSpec<GenericCommand>> = { reverse };
