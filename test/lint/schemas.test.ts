import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../../harness/lint/index.js';
import { LINT_RULE_KEYWORD, SCHEMA_FILES, schemasDir } from '../../harness/lint/schema.js';
import { RULES } from '../../harness/lint/index.js';
import { PROJECT_ROOT } from '../support/shared.js';

const schemas = Object.entries(SCHEMA_FILES).map(([kind, file]) => ({ kind, file, schema: JSON.parse(readFileSync(join(schemasDir(), file), 'utf8')) }));

describe('schemas/', () => {
  it('compile under ajv strict mode, each documented for editors', () => {
    for (const { file, schema } of schemas) {
      const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
      ajv.addKeyword({ keyword: LINT_RULE_KEYWORD, schemaType: 'string' });
      expect(() => ajv.compile(schema), file).not.toThrow();
      expect(schema.$schema, file).toMatch(/json-schema.org\/draft-07/);
      expect(schema.title, file).toBeTypeOf('string');
    }
  });

  it('hand constraints only to rules that exist', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const named: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === LINT_RULE_KEYWORD) named.push(v as string);
          else walk(v);
        }
      }
    };
    for (const { schema } of schemas) walk(schema);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe("the project's own content", () => {
  it('validates with no errors', () => {
    const { summary, findings } = validateContent(PROJECT_ROOT);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(summary.files).toBeGreaterThan(5);
  });
});
