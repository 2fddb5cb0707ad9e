import type { GenericCommand } from '../../spl/ast.js';
import type { Event } from '../types.js';
import type { CommandSpec } from './types.js';
import { GENERIC_SYNTAX } from '../../spl/parse.js';
import { defineCommand } from './types.js';

/** reverse: "Reverses the order of the results." Holds the results. */
export const reverse: CommandSpec<GenericCommand> = {
  operator: async function* (input) {
    const all: Event[] = [];
    for await (const e of input) all.push(e);
    for (let i = all.length - 1; i >= 0; i--) yield all[i];
  },
};

export const command = defineCommand<GenericCommand>({ names: ['reverse'], syntax: GENERIC_SYNTAX, spec: reverse });
