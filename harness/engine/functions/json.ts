/**
 * JSON functions (Search Reference: "JSON functions", "spath"): spath(X, PATH),
 * json_extract(JSON, PATH...), json_valid, json_keys, json_object, json_array,
 * json_array_to_mv, json_set, json_set_exact, json_append, json_extend, json_delete,
 * json_has_key_exact. Paths use Splunk's spath syntax: `a.b`, `a{}.b` (every element), `a{0}` (an
 * index, counted from 0 in JSON). spath() also reads XML, where `{N}` counts from 1 and `{@a}`
 * is an attribute.
 */
import type { Scalar } from '../types.js';
import { xmlPathValues } from '../commands/lib/xml-paths.js';
import { eager, fromList, text, truthy, values } from './helpers.js';
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

/**
 * The nodes one path step reaches from `nodes`: `*` every element of an array, a number that
 * element, a name that member. `namesIntoArrays`: a name applied to an array reaches into each
 * element (`a.b` where a is a list), as reading does; `create`: a missing member becomes `{}`,
 * as editing does.
 */
function stepFrom(nodes: Json[], step: string | number, opts: { namesIntoArrays?: boolean; create?: boolean }): Json[] {
  const next: Json[] = [];
  for (const node of nodes) {
    if (step === '*') {
      if (Array.isArray(node)) next.push(...node);
    } else if (typeof step === 'number') {
      if (Array.isArray(node) && step < node.length) next.push(node[step]);
    } else if (Array.isArray(node)) {
      if (opts.namesIntoArrays) for (const item of node) if (item && typeof item === 'object' && !Array.isArray(item) && step in item) next.push(item[step]);
    } else if (node && typeof node === 'object') {
      if (!(step in node) && opts.create) node[step] = {};
      if (step in node) next.push(node[step]);
    }
  }
  return next;
}

/** Every JSON node at `path` under `root` (arrays met on the way fan out). */
export function jsonAtPath(root: Json, path: string): Json[] {
  let nodes: Json[] = [root];
  for (const step of pathSteps(path)) nodes = stepFrom(nodes, step, { namesIntoArrays: true });
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

/**
 * An eval value as a JSON value: a multivalue becomes an array; text that is itself a JSON
 * object or array is nested as that structure (json_object("a", json_array(1, 2)) nests the
 * array), other text stays a string; booleans are JSON booleans.
 */
function toJson(v: EvalValue): Json {
  if (v === null) return null;
  if (Array.isArray(v)) return v.map((x) => toJson(x));
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      const parsed = parseJson(t);
      if (parsed !== undefined) return parsed;
    }
  }
  return v;
}

/** A JSON document from the first argument of the json_* editing functions; undefined when not JSON. */
function document(x: EvalValue): Json | undefined {
  const s = text(x);
  return s === null ? undefined : parseJson(s);
}

/**
 * Edit the node(s) at `path`: `edit(parent, key)` is called for the parent of the last step,
 * creating objects for missing names on the way when `create` is set.
 */
function editAt(root: Json, path: string, create: boolean, edit: (parent: Json[] | { [k: string]: Json }, key: string | number) => void): void {
  const steps = pathSteps(path);
  if (steps.length === 0) return;
  let nodes: Json[] = [root];
  for (const step of steps.slice(0, -1)) nodes = stepFrom(nodes, step, { create });
  const last = steps[steps.length - 1];
  for (const node of nodes) {
    if (last === '*') {
      if (Array.isArray(node)) for (let k = node.length - 1; k >= 0; k--) edit(node, k);
    } else if (typeof last === 'number') {
      if (Array.isArray(node) && last < node.length) edit(node, last);
    } else if (node && typeof node === 'object' && !Array.isArray(node)) edit(node, last);
  }
}

type Container = Json[] | { [k: string]: Json };

function getChild(parent: Container, key: string | number): Json | undefined {
  return Array.isArray(parent) ? parent[key as number] : (parent as { [k: string]: Json })[key as string];
}

function setChild(parent: Container, key: string | number, value: Json): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else (parent as { [k: string]: Json })[key as string] = value;
}

/** The root itself is the target of an empty path (json_append(x, "", v) on a top-level array). */
function editRootOrPath(root: Json, path: string, create: boolean, edit: (parent: Container, key: string | number) => void): Json {
  if (path !== '') {
    editAt(root, path, create, edit);
    return root;
  }
  const holder: Json[] = [root];
  edit(holder, 0);
  return holder[0];
}

/**
 * json_set(JSON, PATH, VALUE, ...): each VALUE written at its PATH, replacing what is there and
 * creating missing object keys; json_set_exact takes each PATH as one literal key.
 */
function jsonSet(exact: boolean) {
  return eager(exact ? 'json_set_exact' : 'json_set', 3, Infinity, ([x, ...pairs]) => {
    let root = document(x);
    if (root === undefined) return null;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const path = text(pairs[i]);
      if (path === null) continue;
      const value = toJson(pairs[i + 1]);
      if (exact) {
        if (root && typeof root === 'object' && !Array.isArray(root)) root[path] = value;
      } else root = editRootOrPath(root, path, true, (parent, key) => setChild(parent, key, value));
    }
    return JSON.stringify(root);
  });
}

/**
 * json_append(JSON, PATH, VALUE, ...): VALUE added at the end of the array at PATH;
 * json_extend(JSON, PATH, ARRAY, ...): the elements of the JSON array ARRAY added. A PATH that does
 * not lead to an array leaves the document as it is.
 */
function jsonAppend(name: 'json_append' | 'json_extend') {
  return eager(name, 3, Infinity, ([x, ...pairs]) => {
    let root = document(x);
    if (root === undefined) return null;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const path = text(pairs[i]);
      if (path === null) continue;
      const value = toJson(pairs[i + 1]);
      const items = name === 'json_append' ? [value] : Array.isArray(value) ? value : null;
      if (!items) continue;
      root = editRootOrPath(root, path, false, (parent, key) => {
        const target = getChild(parent, key);
        if (Array.isArray(target)) target.push(...items);
      });
    }
    return JSON.stringify(root);
  });
}

/** json_delete(JSON, PATH, ...): the keys or elements at each PATH removed. */
const jsonDelete = eager('json_delete', 2, Infinity, ([x, ...paths]) => {
  const root = document(x);
  if (root === undefined) return null;
  for (const p of paths) {
    const path = text(p);
    if (path === null || path === '') continue;
    editAt(root, path, false, (parent, key) => {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as { [k: string]: Json })[key as string];
    });
  }
  return JSON.stringify(root);
});

/** spath(X, PATH) on XML text: `{N}` counts from 1, `{@name}` reads an attribute. */
function extractXml(x: EvalValue, path: string | null): EvalValue {
  const s = text(x);
  if (s === null || path === null || !s.trimStart().startsWith('<')) return null;
  return fromList(xmlPathValues(s, path) ?? []);
}

export const jsonFunctions: EvalFunction[] = [
  eager('spath', 2, 2, ([x, p]) => {
    const path = text(p);
    const fromJson = extract(x, path);
    return fromJson !== null ? fromJson : extractXml(x, path);
  }),
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
    const typed = infer !== undefined && truthy(infer);
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
  jsonSet(false),
  jsonSet(true),
  jsonAppend('json_append'),
  jsonAppend('json_extend'),
  jsonDelete,
  /** json_has_key_exact(JSON, KEY): whether the top-level object has KEY (a literal key, not a path). */
  eager('json_has_key_exact', 2, 2, ([x, k]) => {
    const root = document(x);
    const key = text(k);
    return key !== null && !!root && typeof root === 'object' && !Array.isArray(root) && key in root;
  }),
];
