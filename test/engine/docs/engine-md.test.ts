/**
 * docs/ENGINE.md lists every eval function the engine supports, between marker comments; the list
 * is rendered from the function registry and this test fails when the two drift.
 * `UPDATE_ENGINE_MD=1 npx vitest run test/engine/docs/engine-md.test.ts` rewrites the list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionFamilies, supportedFunctions } from '../../../harness/engine/functions/index.js';

const ENGINE_MD = fileURLToPath(new URL('../../../docs/ENGINE.md', import.meta.url));
const BEGIN = '<!-- eval-functions:begin -->';
const END = '<!-- eval-functions:end -->';

function renderList(): string {
  const lines = functionFamilies.map(({ family, functions }) => {
    const names = functions.map((f) => f.name).sort();
    return `- ${family} (${names.length}): ${names.map((n) => `\`${n}\``).join(', ')}`;
  });
  return [BEGIN, `${supportedFunctions().length} functions.`, '', ...lines, END].join('\n');
}

describe('docs/ENGINE.md eval function list', () => {
  it('matches the function registry', () => {
    const text = readFileSync(ENGINE_MD, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start, `docs/ENGINE.md needs a ${BEGIN} ... ${END} block`).toBeGreaterThanOrEqual(0);
    const current = text.slice(start, end + END.length);
    const expected = renderList();
    if (process.env.UPDATE_ENGINE_MD && current !== expected) writeFileSync(ENGINE_MD, text.replace(current, expected));
    else expect(current, 'the eval function list in docs/ENGINE.md drifted from the registry; rerun with UPDATE_ENGINE_MD=1').toBe(expected);
  });
});
