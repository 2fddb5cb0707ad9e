/**
 * SPL is read only through spl/ (the lexer, macro scanner, parser, walker and spl/query.ts):
 * no other module splits a search at pipes, slices it around a macro call or looks for a command
 * with a regular expression. The command modules (engine/commands/<name>.ts) hold their own
 * syntax, so they count as part of the SPL front end. See docs/ENGINE.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HARNESS, sourceFiles } from './imports.js';

/** Ways the old modules read SPL text; each must stay confined to spl/. */
const SPL_BY_TEXT: Array<[string, RegExp]> = [
  ['a regex naming SPL commands', /\\b\(\?:?[a-z|]*\b(lookup|inputlookup|outputlookup|tstats|datamodel)\b/],
  ['a regex for a macro call', /\/\^?`\\s\*|\/`\[\^`\]/],
  ['string methods on a search', /\bsearch\.(slice|split|indexOf|lastIndexOf|match|matchAll|replace|includes|startsWith|endsWith)\(/],
  ['splitting a search at pipes', /\b(search|query|spl|text)\w*\.(split|indexOf)\(['"]\|['"]\)/i],
  ['a home-made SPL tokenizer', /\bfunction\s+(maskLiterals|topLevelCommands|lastCommand|lookupReferences|stripComments)\b/],
];

const readsSpl = (path: string) => path.startsWith('spl/') || /^engine\/commands\/[^/]+\.ts$/.test(path);

describe('SPL is read only through spl/', () => {
  it('no module outside spl/ reads SPL by regex or string slicing', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles()) {
      const path = relative(HARNESS, file).replace(/\\/g, '/');
      if (readsSpl(path)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [what, re] of SPL_BY_TEXT) if (re.test(line)) offenders.push(`${path}:${i + 1}: ${what}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('the modules that did are gone', () => {
    expect(existsSync(join(HARNESS, 'lint/spl-text.ts'))).toBe(false);
    const changed = readFileSync(join(HARNESS, 'runner/changed.ts'), 'utf8');
    expect(changed).not.toMatch(/LOOKUP_RE|DATAMODEL_RE/);
    const filter = readFileSync(join(HARNESS, 'runner/filter-check.ts'), 'utf8');
    expect(filter).not.toMatch(/scanMacroCalls|\.slice\(/);
  });

  it('catches the old ways (the patterns are not dead)', () => {
    const old = [
      'const LOOKUP_RE = /\\b(?:lookup|inputlookup|outputlookup)\\b/gi;',
      'const CALL = /^`\\s*([^`\\s(]+)\\s*`$/;',
      'const after = search.slice(lastFilter.end).trim();',
      "const pieces = text.split('|');",
    ];
    for (const line of old)
      expect(
        SPL_BY_TEXT.some(([, re]) => re.test(line)),
        line,
      ).toBe(true);
  });
});
