/**
 * JSON functions (Search Reference: "JSON functions", "spath"): spath(X, PATH),
 * json_extract(JSON, PATH...), json_valid, json_keys, json_object, json_array,
 * json_array_to_mv. Paths use Splunk's spath syntax: `a.b`, `a{}.b` (every element),
 * `a{0}` (an index).
 */
import type { Scalar } from '../types.js';
import { eager, fromList, text, values } from './helpers.js';
import type { EvalFunction, EvalValue } from './types.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function parseJson(s: string): Json | undefined {
  try {
    return JSON.parse(s) as Json;
  } catch {
    return undefined;
  }
}

/** Split an spath path into steps: names, `{}` (all elements) and `{n}` (one element). */
function pathSteps(path: string): Array<string | number | '*'> {
  const steps: Array<string | number | '*'> = [];
  const re = /([^.{}]+)|\{(\d*)\}/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) steps.push(m[1]);
    else steps.push(m[2] === '' ? '*' : Number(m[2]));
  }
  return steps;
}

/** Every JSON node at `path` under `root` (arrays met on the way fan out). */
export function jsonAtPath(root: Json, path: string): Json[] {
  let nodes: Json[] = [root];
  for (const step of pathSteps(path)) {
    const next: Json[] = [];
    for (const node of nodes) {
      if (step === '*') {
        if (Array.isArray(node)) next.push(...node);
      } else if (typeof step === 'number') {
        if (Array.isArray(node) && step < node.length) next.push(node[step]);
      } else if (Array.isArray(node)) {
        // A name applied to an array reaches into each element (`a.b` where a is a list).
        for (const item of node) if (item && typeof item === 'object' && !Array.isArray(item) && step in item) next.push(item[step]);
      } else if (node && typeof node === 'object' && step in node) {
        next.push(node[step]);
      }
    }
    nodes = next;
  }
  return nodes;
}

/** A JSON node as an eval value: scalars as text, objects and arrays as JSON text. */
function nodeValue(node: Json): Scalar | null {
  if (node === null) return null;
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  return JSON.stringify(node);
}

function extract(x: EvalValue, path: string | null): EvalValue {
  const s = text(x);
  if (s === null) return null;
  const root = parseJson(s);
  if (root === undefined) return null;
  if (path === null || path === '') return nodeValue(root);
  const out: Scalar[] = [];
  for (const node of jsonAtPath(root, path)) {
    // An array reached at the end of the path gives its elements as a multivalue.
    if (Array.isArray(node)) {
      for (const item of node) {
        const v = nodeValue(item);
        if (v !== null) out.push(v);
      }
    } else {
      const v = nodeValue(node);
      if (v !== null) out.push(v);
    }
  }
  return fromList(out);
}

function toJson(v: EvalValue): Json {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? x : x));
  return v;
}

export const jsonFunctions: EvalFunction[] = [
  eager('spath', 2, 2, ([x, p]) => extract(x, text(p))),
  eager('json_extract', 1, Infinity, ([x, ...paths]) => {
    if (paths.length <= 1) return extract(x, paths.length ? text(paths[0]) : null);
    const out: Scalar[] = [];
    for (const p of paths) out.push(...values(extract(x, text(p))));
    return fromList(out);
  }),
  eager('json_valid', 1, 1, ([x]) => {
    const s = text(x);
    return s !== null && parseJson(s) !== undefined;
  }),
  eager('json_keys', 1, 1, ([x]) => {
    const s = text(x);
    const root = s === null ? undefined : parseJson(s);
    if (!root || typeof root !== 'object' || Array.isArray(root)) return null;
    return JSON.stringify(Object.keys(root));
  }),
  eager('json_object', 0, Infinity, (args) => {
    const obj: Record<string, Json> = {};
    for (let i = 0; i + 1 < args.length; i += 2) {
      const k = text(args[i]);
      if (k !== null) obj[k] = toJson(args[i + 1]);
    }
    return JSON.stringify(obj);
  }),
  eager('json_array', 0, Infinity, (args) => JSON.stringify(args.map(toJson))),
  /** json_extract_exact(JSON, KEY...): like json_extract, but each key is a literal key, not a path. */
  eager('json_extract_exact', 2, Infinity, ([x, ...keys]) => {
    const s = text(x);
    const root = s === null ? undefined : parseJson(s);
    if (!root || typeof root !== 'object' || Array.isArray(root)) return null;
    const out: Scalar[] = [];
    for (const k of keys) {
      const key = text(k);
      if (key === null || !(key in root)) continue;
      const v = nodeValue(root[key]);
      if (v !== null) out.push(v);
    }
    return fromList(out);
  }),
  /** mv_to_json_array(MV, INFER): the values as a JSON array; with INFER true, numbers and true/false are typed. */
  eager('mv_to_json_array', 1, 2, ([x, infer]) => {
    if (x === null) return null;
    const typed = infer === true || (typeof infer === 'string' && infer.toLowerCase() === 'true');
    const items = values(x).map((v): Json => {
      if (!typed) return typeof v === 'number' ? String(v) : v;
      if (typeof v === 'number') return v;
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v)) return Number(v);
      if (v === 'true' || v === 'false') return v === 'true';
      if (v === 'null') return null;
      return v;
    });
    return JSON.stringify(items);
  }),
  eager('json_array_to_mv', 1, 2, ([x]) => {
    const s = text(x);
    const root = s === null ? undefined : parseJson(s);
    if (!Array.isArray(root)) return null;
    return fromList(root.map(nodeValue).filter((v): v is Scalar => v !== null));
  }),
];
