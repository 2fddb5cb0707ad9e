/**
 * mvexpand: "Expands the values of a multivalue field into separate events, one event for each
 * value in the multivalue field." `limit=N` keeps the first N values. An event with a single
 * value, or without the field, passes as it is.
 */
import { mvValues } from '../values.js';
import type { Event } from '../types.js';
import { streaming } from './lib/streaming.js';
import { renderWord, joinParts } from '../../spl/render.js';
import { keepFields } from '../../spl/output-fields.js';
import { defineCommand } from './types.js';
import type { CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface MvexpandCommand extends CommandNodeBase {
  cmd: 'mvexpand';
  field: string;
  limit?: number;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    mvexpand: MvexpandCommand;
  }
}

const syntax: CommandSyntax<MvexpandCommand> = {
  cmd: 'mvexpand',
  parse(r, base) {
    const options = r.options({});
    const field = r.field();
    r.options(options);
    r.expectEnd('mvexpand');
    const cmd: MvexpandCommand = { ...base, cmd: 'mvexpand', field };
    if (options.limit !== undefined) cmd.limit = Number(options.limit);
    return cmd;
  },
  render: (c) => joinParts('mvexpand', renderWord(c.field), c.limit !== undefined && `limit=${c.limit}`),
  outputFields: keepFields,
};

export const mvexpand = streaming<MvexpandCommand>((command) => (event) => {
  const values = mvValues(event[command.field]);
  if (values.length <= 1) return event;
  const n = command.limit && command.limit > 0 ? Math.min(command.limit, values.length) : values.length;
  const out: Event[] = [];
  for (let i = 0; i < n; i++) out.push({ ...event, [command.field]: values[i] });
  return out;
});

export const command = defineCommand<MvexpandCommand>({ names: ['mvexpand'], syntax, spec: mvexpand });
