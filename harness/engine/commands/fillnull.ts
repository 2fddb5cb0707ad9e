/**
 * fillnull: "Replaces null values with a specified value. Null values are field values that are
 * missing in a particular result but present in another result." "value: Specifies a string to
 * replace the null values with. The default value is 0." With a field list the fields are filled
 * (created when absent) event by event; without one, every field that appears in any result is
 * filled, so the operator must see all results first.
 */
import type { Event } from '../types.js';
import type { CommandSpec } from './types.js';
import { renderOptionValue, renderList, joinParts } from '../../spl/render.js';
import { addFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface FillnullCommand extends CommandNodeBase {
  cmd: 'fillnull';
  value: string;
  fields: string[];
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    fillnull: FillnullCommand;
  }
}

/** `fillnull [value=<v>] [<fields>]`; the default value is 0. */
const syntax: CommandSyntax<FillnullCommand> = {
  cmd: 'fillnull',
  parse(r, base) {
    const options = r.options({});
    const list = r.fieldList();
    r.options(options);
    r.expectEnd('fillnull');
    return { ...base, cmd: 'fillnull', value: options.value ?? '0', fields: list };
  },
  render: (c) => joinParts('fillnull', c.value !== '0' && `value=${renderOptionValue(c.value)}`, renderList(c.fields)),
  outputFields: (before, c) => addFields(before, ...c.fields),
};

export const fillnull: CommandSpec<FillnullCommand> = {
  // With a field list it is streaming; without one it needs every result first.
  streamable: (command) => command.fields.length > 0,
  map(command) {
    const value = command.value ?? '0';
    return (event) => {
      if (command.fields.every((f) => event[f] !== undefined)) return event;
      const out: Event = { ...event };
      for (const f of command.fields) if (out[f] === undefined) out[f] = value;
      return out;
    };
  },
  operator: async function* (input, command) {
    const value = command.value ?? '0';
    if (command.fields.length) {
      for await (const event of input) {
        if (command.fields.every((f) => event[f] !== undefined)) {
          yield event;
          continue;
        }
        const out: Event = { ...event };
        for (const f of command.fields) if (out[f] === undefined) out[f] = value;
        yield out;
      }
      return;
    }
    const held: Event[] = [];
    const names = new Set<string>();
    for await (const event of input) {
      held.push(event);
      for (const k of Object.keys(event)) if (event[k] !== undefined) names.add(k);
    }
    for (const event of held) {
      const out: Event = { ...event };
      for (const f of names) if (out[f] === undefined) out[f] = value;
      yield out;
    }
  },
};

export const command = defineCommand<FillnullCommand>({ names: ['fillnull'], syntax, spec: fillnull });
