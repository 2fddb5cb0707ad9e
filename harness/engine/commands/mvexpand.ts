/**
 * mvexpand: "Expands the values of a multivalue field into separate events, one event for each
 * value in the multivalue field." `limit=N` keeps the first N values. An event with a single
 * value, or without the field, passes as it is.
 */
import type { MvexpandCommand } from '../../spl/ast.js';
import { mvValues } from '../values.js';
import type { Event } from '../types.js';
import { streaming } from './lib/streaming.js';

export const mvexpand = streaming<MvexpandCommand>((command) => (event) => {
  const values = mvValues(event[command.field]);
  if (values.length <= 1) return event;
  const n = command.limit && command.limit > 0 ? Math.min(command.limit, values.length) : values.length;
  const out: Event[] = [];
  for (let i = 0; i < n; i++) out.push({ ...event, [command.field]: values[i] });
  return out;
});
