/**
 * fromjson: "Converts a JSON field to the field/value pairs of the top-level keys ... nested
 * objects are kept as JSON text, arrays become multivalue fields." `prefix=` is put before each
 * new field name. Text that is not a JSON object extracts nothing.
 */
import type { FromjsonCommand } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { fromValues, toText } from '../values.js';
import { optionText } from './lib/stream.js';
import { streaming } from './lib/streaming.js';

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
