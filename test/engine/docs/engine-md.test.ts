/**
 * docs/ENGINE.md lists every eval function and every command the engine supports, each between
 * marker comments; the lists are rendered from the function and command registries and this test
 * fails when they drift. `UPDATE_ENGINE_MD=1 npx vitest run test/engine/docs/engine-md.test.ts`
 * rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionFamilies, supportedFunctions } from '../../../harness/engine/functions/index.js';
import { supportedCommands } from '../../../harness/engine/commands/index.js';
import { commandNames } from '../../../harness/spl/grammar.js';

const ENGINE_MD = fileURLToPath(new URL('../../../docs/ENGINE.md', import.meta.url));

function checkBlock(name: string, begin: string, end: string, expected: string): void {
  const text = readFileSync(ENGINE_MD, 'utf8');
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  expect(start, `docs/ENGINE.md needs a ${begin} ... ${end} block`).toBeGreaterThanOrEqual(0);
  const current = text.slice(start, stop + end.length);
  if (process.env.UPDATE_ENGINE_MD && current !== expected) writeFileSync(ENGINE_MD, text.replace(current, expected));
  else expect(current, `the ${name} list in docs/ENGINE.md drifted from the registry; rerun with UPDATE_ENGINE_MD=1`).toBe(expected);
}

const BEGIN = '<!-- eval-functions:begin -->';
const END = '<!-- eval-functions:end -->';

function renderList(): string {
  const lines = functionFamilies.map(({ family, functions }) => {
    const names = functions.map((f) => f.name).sort();
    return `- ${family} (${names.length}): ${names.map((n) => `\`${n}\``).join(', ')}`;
  });
  return [BEGIN, `${supportedFunctions().length} functions.`, '', ...lines, END].join('\n');
}

const COMMANDS_BEGIN = '<!-- commands:begin -->';
const COMMANDS_END = '<!-- commands:end -->';

function renderCommands(): string {
  const supported = supportedCommands();
  const parsedOnly = commandNames().filter((n) => !supported.includes(n));
  const code = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');
  return [
    COMMANDS_BEGIN,
    `${supported.length} commands run: ${code(supported)}.`,
    '',
    `Parsed but not run (a search using one is \`unsupported\`, naming it): ${code(parsedOnly)}.`,
    COMMANDS_END,
  ].join('\n');
}

describe('docs/ENGINE.md registry lists', () => {
  it('the eval function list matches the function registry', () => checkBlock('eval function', BEGIN, END, renderList()));
  it('the command list matches the command registry', () => checkBlock('command', COMMANDS_BEGIN, COMMANDS_END, renderCommands()));
});
