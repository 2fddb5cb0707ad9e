/**
 * mvexpand: "Expands the values of a multivalue field into separate events, one event for each
 * value in the multivalue field." `limit=N` keeps the first N values. An event with a single
 * value, or without the field, passes as it is.
 */
import type { MvexpandCommand } from '../../spl/ast.js';
import { mvValues } from '../values.js';
import type { CommandSpec } from './types.js';

export const mvexpand: CommandSpec<MvexpandCommand> = {
  operator: async function* (input, command) {
    for await (const event of input) {
      const values = mvValues(event[command.field]);
      if (values.length <= 1) {
        yield event;
        continue;
      }
      const n = command.limit && command.limit > 0 ? Math.min(command.limit, values.length) : values.length;
      for (let i = 0; i < n; i++) yield { ...event, [command.field]: values[i] };
    }
  },
};
