/**
 * fromjson: "Converts a JSON field to the field/value pairs of the top-level keys ... nested
 * objects are kept as JSON text, arrays become multivalue fields." `prefix=` is put before each
 * new field name. Text that is not a JSON object extracts nothing.
 */
import type { Event, Scalar } from '../types.js';
import { fromValues, toText } from '../values.js';
import { optionText } from './lib/stream.js';
import { streaming } from './lib/streaming.js';
import { renderWord, renderOptions, joinParts } from '../../spl/render.js';
import { defineCommand } from './types.js';
import type { Options, CommandNodeBase } from '../../spl/ast.js';
import type { CommandSyntax } from '../../spl/grammar.js';

export interface FromjsonCommand extends CommandNodeBase {
  cmd: 'fromjson';
  field: string;
  options: Options;
}
declare module '../../spl/ast.js' {
  interface CommandNodes {
    fromjson: FromjsonCommand;
  }
}

const syntax: CommandSyntax<FromjsonCommand> = {
  cmd: 'fromjson',
  parse(r, base) {
    const options = r.options({});
    const field = r.field();
    r.options(options);
    r.expectEnd('fromjson');
    return { ...base, cmd: 'fromjson', field, options };
  },
  render: (c) => joinParts('fromjson', renderWord(c.field), ...renderOptions(c.options)),
};

const asScalar = (v: unknown): Scalar =>
  typeof v === 'string' ? v : typeof v === 'number' ? v : typeof v === 'boolean' ? String(v) : v === null ? 'null' : JSON.stringify(v);

export const fromjson = streaming<FromjsonCommand>(
  (command) => {
    const prefix = optionText(command.options.prefix) ?? '';
    return (event) => {
      const text = toText(event[command.field]);
      let obj: unknown;
      try {
        obj = text !== undefined && text.trim().startsWith('{') ? JSON.parse(text) : undefined;
      } catch {
        obj = undefined;
      }
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
        return event;
      }
      const out: Event = { ...event };
      for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
        const value = Array.isArray(v) ? fromValues(v.map(asScalar)) : v === null ? undefined : asScalar(v);
        if (value !== undefined) out[prefix + k] = value;
      }
      return out;
    };
  },
  {
    options: ['prefix'],
  },
);

export const command = defineCommand<FromjsonCommand>({ names: ['fromjson'], syntax, spec: fromjson });
