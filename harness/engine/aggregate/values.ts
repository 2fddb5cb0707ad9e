/** Turning an eval result into the list of values a stats function sees. */
import { mvValues } from '../values.js';
import type { Scalar } from '../types.js';

export { mvValues };

export function toFieldValueArray(result: unknown): Scalar[] {
  if (result === undefined || result === null || result === false) return [];
  if (result === true) return [1];
  if (typeof result === 'string' || typeof result === 'number') return [result];
  if (Array.isArray(result)) return result.filter((v): v is Scalar => typeof v === 'string' || typeof v === 'number');
  return [];
}
