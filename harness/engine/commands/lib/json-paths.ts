/**
 * JSON flattened the way spath names paths: objects by `.`, arrays by `{}` (all elements, which
 * become a multivalue field) or `{N}` (one element, counted from 0 in JSON: the spath example
 * `path=category.boardgames.cooperative{1}` extracts "Forbidden Island", the second game; the
 * index "differs between JSON and XML", where it counts from 1).
 */
import type { FieldValue, Scalar } from '../../types.js';
import { fromValues } from '../../values.js';

/** A leaf as spath renders it: strings as they are, numbers and booleans as text, objects as JSON. */
function leafText(v: unknown): Scalar {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return JSON.stringify(v);
}

/** Every leaf path of a JSON value with its values (several when under an array). */
export function flattenJson(value: unknown, limit = 5000): Map<string, Scalar[]> {
  const out = new Map<string, Scalar[]>();
  const visit = (v: unknown, path: string) => {
    if (out.size >= limit) return;
    if (Array.isArray(v)) {
      for (const item of v) visit(item, `${path}{}`);
      return;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0 && path) add(path, '{}');
      for (const [k, child] of entries) visit(child, path ? `${path}.${k}` : k);
      return;
    }
    if (path) add(path, leafText(v));
  };
  const add = (path: string, v: Scalar) => {
    const list = out.get(path);
    if (list) list.push(v);
    else out.set(path, [v]);
  };
  visit(value, '');
  return out;
}

/** Splits `a.b{}.c{2}` into steps. */
function steps(path: string): Array<{ key?: string; index?: number | 'all' }> {
  const out: Array<{ key?: string; index?: number | 'all' }> = [];
  const re = /([^.{}]+)|\{(\d*)\}/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push({ key: m[1] });
    else out.push({ index: m[2] === '' ? 'all' : Number(m[2]) });
  }
  return out;
}

/** The values at a spath path; arrays reached without `{}` are followed into every element. */
export function jsonPathValues(root: unknown, path: string): FieldValue | undefined {
  let current: unknown[] = [root];
  for (const step of steps(path)) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step.key !== undefined) {
        if (Array.isArray(node)) {
          for (const item of node)
            if (item && typeof item === 'object' && !Array.isArray(item) && step.key in item) next.push((item as Record<string, unknown>)[step.key]);
        } else if (node && typeof node === 'object' && step.key in (node as object)) next.push((node as Record<string, unknown>)[step.key]);
      } else if (Array.isArray(node)) {
        if (step.index === 'all') next.push(...node);
        else if (step.index! < node.length) next.push(node[step.index!]);
      }
    }
    current = next;
  }
  const leaves: Scalar[] = [];
  for (const v of current) if (v !== undefined) leaves.push(leafText(v));
  return fromValues(leaves);
}
