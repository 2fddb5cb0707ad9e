/**
 * The shape of `spl-harness.yml`, checked with ajv before it is read: a typo must not be ignored
 * (`mirors:` silently dropping every mirror, `cache_dir: 42`, a severity `fatal`). Each problem
 * names its key; misspelt top-level keys get a suggestion.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { editDistance } from './common/text.js';

const SEVERITY = { enum: ['off', 'error', 'warning', 'info', false] };

export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    mirrors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['prefix', 'target'],
        properties: { prefix: { type: 'string', minLength: 1 }, target: { type: 'string', minLength: 1 } },
      },
    },
    cache_dir: { type: 'string', minLength: 1 },
    allow_data_dirs: { type: 'array', items: { type: 'string', minLength: 1 } },
    test_timeout: { type: ['string', 'number'] },
    heap_limit_mb: { type: 'integer', minimum: 0 },
    filter_macros: { enum: ['generated', 'required'] },
    rules: { type: 'object', additionalProperties: SEVERITY },
    suppress: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['detection', 'rule'],
        properties: { detection: { type: 'string' }, rule: { type: 'string' } },
      },
    },
  },
} as const;

let validate: ReturnType<Ajv['compile']> | undefined;

/** Every problem of `data` against the schema, as `key: message` lines (empty when valid). */
export function configProblems(data: unknown): string[] {
  validate ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(CONFIG_SCHEMA);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(e: ErrorObject): string {
  const at = e.instancePath.slice(1).replace(/\//g, '.');
  if (e.keyword === 'additionalProperties') {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    const where = at ? `${at}.${key}` : key;
    const near = at ? undefined : nearest(key, Object.keys(CONFIG_SCHEMA.properties));
    return `${where}: unknown key${near ? ` (did you mean '${near}'?)` : ''}`;
  }
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.filter((v) => typeof v === 'string');
    const list = allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(', ')}`;
    return `${at}: must be ${list} (got ${JSON.stringify(e.data)})`;
  }
  return `${at || '(top level)'}: ${e.message ?? 'invalid'}`;
}

/** The closest known key within two edits, for a "did you mean". */
function nearest(word: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}
