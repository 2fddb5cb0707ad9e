/**
 * Property tests for the JSON path: for any JSON objects, written one per line or pretty-printed
 * and cut into chunks anywhere, the splitter returns exactly those objects, and the flattener
 * agrees with a reference flattening built on JSON.parse (spath naming: `a.b`, `a{}`).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitJsonRecords } from '../../../harness/ingest/readers/json.js';
import { flattenJson } from '../../../harness/ingest/readers/jsonflat.js';

/** Reference: flatten a parsed value the way spath names paths (null and empty containers give nothing). */
function reference(value: unknown, name: string, out: Record<string, string[]>): void {
  if (value === null) return;
  if (Array.isArray(value)) {
    for (const v of value) reference(v, `${name}{}`, out);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as object)) reference(v, name ? `${name}.${k}` : k, out);
  } else if (name) {
    (out[name] ??= []).push(typeof value === 'number' ? JSON.stringify(value) : String(value));
  }
}

const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/).filter((k) => k !== '__proto__');
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('object'), tie('array')),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  array: fc.array(tie('value'), { maxLength: 3 }),
})).object;

async function* chunks(text: string, cuts: number[]): AsyncGenerator<string> {
  let at = 0;
  for (const c of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
    yield text.slice(at, c);
    at = c;
  }
  yield text.slice(at);
}

describe('JSON splitting and flattening (properties)', () => {
  it('splits any objects, one per line or pretty-printed, whatever the chunk cuts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(json, { minLength: 1, maxLength: 5 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), async (objects, pretty, cuts) => {
        const text = objects.map((o) => JSON.stringify(o, null, pretty ? 2 : undefined)).join('\n') + '\n';
        const got: unknown[] = [];
        for await (const r of splitJsonRecords(chunks(text, cuts))) {
          expect(r.kind).toBe('json');
          got.push(JSON.parse(r.text));
        }
        expect(got).toEqual(objects);
      }),
      { numRuns: 150 },
    );
  });

  it('flattens like the reference', () => {
    fc.assert(
      fc.property(json, (object) => {
        const expected: Record<string, string[]> = {};
        reference(object, '', expected);
        const got = flattenJson(JSON.stringify(object));
        const normalized = Object.fromEntries(Object.entries(got).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]));
        expect(normalized).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
