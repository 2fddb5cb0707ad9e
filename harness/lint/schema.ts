import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { YamlPath } from '../content/types.js';
import type { ContentFile, ContentKind } from './types.js';

/**
 * JSON Schema validation of content files. The schemas live in `schemas/` at the package root
 * (shipped for editors: `# yaml-language-server: $schema=.../detection.schema.json`).
 *
 * A schema node may carry `"x-lint-rule": "<rule id>"`: that constraint belongs to a semantic
 * rule which reports it with a better message (and can be switched off on its own), so schema
 * errors of that node are left to that rule, except type errors and unknown keys.
 */

export const SCHEMA_FILES: Record<ContentKind, string> = {
  detection: 'detection.schema.json',
  macro: 'macro.schema.json',
  story: 'story.schema.json',
  data_source: 'data_source.schema.json',
  lookup: 'lookup.schema.json',
};

/** The annotation keyword that hands a constraint over to a semantic rule. */
export const LINT_RULE_KEYWORD = 'x-lint-rule';

/** The `schemas/` directory of this package, found upward from this module (works from source and from dist/). */
export function schemasDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, SCHEMA_FILES.detection))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('spl-harness: cannot find the schemas/ directory of the package');
}

let validators: Map<ContentKind, ValidateFunction> | undefined;

function compiled(kind: ContentKind): ValidateFunction {
  if (!validators) {
    // verbose: errors carry their parentSchema, where the x-lint-rule annotation sits.
    // strictRequired off: `if: {required: [x]}` legitimately names keys defined elsewhere.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: LINT_RULE_KEYWORD, schemaType: 'string' });
    const built = new Map<ContentKind, ValidateFunction>();
    const dir = schemasDir();
    for (const [k, file] of Object.entries(SCHEMA_FILES) as Array<[ContentKind, string]>) {
      built.set(k, ajv.compile(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
    }
    validators = built;
  }
  return validators.get(kind)!;
}

/** One schema violation, located by a YAML path. */
export interface SchemaProblem {
  /** `schema` for a violated constraint, `unknown-key` for a key the schema does not know. */
  rule: 'schema' | 'unknown-key';
  path: YamlPath;
  atKey: boolean;
  message: string;
}

/** JSON pointer → YAML path, with numeric steps where the data holds an array. */
function toYamlPath(pointer: string, data: unknown): Array<string | number> {
  const path: Array<string | number> = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(step));
      node = node[Number(step)];
    } else {
      path.push(step);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
    }
  }
  return path;
}

const describePath = (path: YamlPath) =>
  path.length
    ? path
        .map((p) => (typeof p === 'number' ? `[${p}]` : p))
        .join('.')
        .replace(/\.\[/g, '[')
    : 'the document';

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

function suggestion(key: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

function listValues(values: unknown[]): string {
  const shown = values
    .slice(0, 8)
    .map((v) => JSON.stringify(v))
    .join(', ');
  return values.length > 8 ? `${shown}, … (${values.length} values)` : shown;
}

function describeError(err: ErrorObject, path: YamlPath, data: unknown): SchemaProblem | undefined {
  const where = `'${describePath(path)}'`;
  const parent = (err.parentSchema ?? {}) as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((parent.properties as Record<string, unknown>) ?? {});
      return {
        rule: 'unknown-key',
        path: [...path, key],
        atKey: true,
        message: `unknown key '${key}' in ${path.length ? where : 'the document'}${suggestion(key, known)}`,
      };
    }
    case 'required': {
      const key = (err.params as { missingProperty: string }).missingProperty;
      return { rule: 'schema', path, atKey: path.length > 0, message: `${path.length ? where : 'the document'} is missing required key '${key}'` };
    }
    case 'enum':
      return {
        rule: 'schema',
        path,
        atKey: false,
        message: `${where} is ${JSON.stringify(valueAt(data, path))}, expected one of: ${listValues(err.schema as unknown[])}`,
      };
    case 'type':
      return {
        rule: 'schema',
        path,
        atKey: false,
        message: `${where} must be ${String((err.params as { type: string | string[] }).type).replace(/,/g, ' or ')}, got ${typeName(valueAt(data, path))}`,
      };
    case 'anyOf': {
      const branches = (err.schema as Array<Record<string, unknown>>).map((b) => (Array.isArray(b.required) ? b.required.join(' + ') : undefined));
      if (branches.every(Boolean))
        return { rule: 'schema', path, atKey: false, message: `${path.length ? where : 'the document'} needs one of: ${branches.join(', ')}` };
      return { rule: 'schema', path, atKey: false, message: `${where} does not match any allowed form` };
    }
    case 'if':
      return undefined; // the failing `then` branch reports the concrete problem
    default:
      return { rule: 'schema', path, atKey: false, message: `${where} ${err.message ?? 'is invalid'}` };
  }
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const step of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`);

const cache = new WeakMap<ContentFile, SchemaProblem[]>();

/** Schema problems of one content file (memoized: both schema rules read them). */
export function schemaProblems(entry: ContentFile): SchemaProblem[] {
  const hit = cache.get(entry);
  if (hit) return hit;
  const problems: SchemaProblem[] = [];
  const data = entry.file.data;
  if (data !== undefined) {
    const validate = compiled(entry.kind);
    if (!validate(data)) {
      const errors = validate.errors ?? [];
      // Sub-errors of an anyOf are summarised by the anyOf error itself.
      const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath + '/');
      for (const err of errors) {
        if (anyOfPaths.some((p) => err.schemaPath.startsWith(p))) continue;
        const parent = err.parentSchema as Record<string, unknown> | undefined;
        if (parent && typeof parent[LINT_RULE_KEYWORD] === 'string' && err.keyword !== 'type' && err.keyword !== 'additionalProperties') continue;
        const problem = describeError(err, toYamlPath(err.instancePath, data), data);
        if (problem) problems.push(problem);
      }
    }
  }
  cache.set(entry, problems);
  return problems;
}
