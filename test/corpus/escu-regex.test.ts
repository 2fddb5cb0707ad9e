/**
 * The static backtracking check (harness/engine/regex-backtrack.ts) rejects no regular expression
 * ESCU runs: every pattern of rex, regex, match(), replace() and mvfind() in the detections'
 * expanded searches and in the macros, translated as the engine translates it. A rejection here
 * would be a false one unless the pattern is shown to backtrack exponentially (issue 19, item 2).
 */
import { expect, it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { compileDetectionSearch, parseSearch } from '../../harness/spl/index.js';
import { translatePcre } from '../../harness/engine/regex.js';
import { exponentialBacktracking } from '../../harness/engine/regex-backtrack.js';
import { ESCU, describeShared } from '../support/shared.js';

const REGEX_FUNCTIONS = new Set(['match', 'replace', 'mvfind']);

/** Every regex literal in a parsed pipeline (a measurement over plain AST data, not engine code). */
function collect(node: unknown, into: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) collect(x, into);
    return;
  }
  const n = node as Record<string, unknown> & { args?: Array<{ type?: string; value?: unknown }> };
  if ((n.cmd === 'rex' || n.cmd === 'regex') && typeof n.regex === 'string' && n.mode !== 'sed') into.add(n.regex);
  if (n.type === 'call' && REGEX_FUNCTIONS.has(String(n.name)) && n.args?.[1]?.type === 'string') into.add(String(n.args[1].value));
  for (const [k, v] of Object.entries(n)) if (k !== 'span') collect(v, into);
}

describeShared('ESCU regular expressions and the backtracking check', () => {
  it('rejects none of them', () => {
    const content = loadContent(ESCU);
    const patterns = new Set<string>();
    for (const d of content.detections) collect(compileDetectionSearch(d.search, content).pipeline, patterns);
    // Macros on their own too (also those no detection uses), read as a search and as an expression.
    for (const m of content.macros.values()) for (const text of [m.definition, `| eval x=${m.definition}`]) collect(parseSearch(text).pipeline, patterns);
    let translated = 0;
    const rejected: string[] = [];
    for (const p of patterns) {
      let t;
      try {
        t = translatePcre(p);
      } catch {
        continue; // unsupported syntax is reported as such, not here
      }
      translated++;
      const part = t.cutsBacktracking ? undefined : exponentialBacktracking(t.source, t.flags);
      if (part) rejected.push(`${p} (${part})`);
    }
    // 276 distinct patterns when measured (security_content as in ../shared).
    expect(translated).toBeGreaterThan(250);
    expect(rejected).toEqual([]);
  });
});
