/**
 * ut_countset_lookup and ut_suites_lookup (URL Toolbox 1.7, `bin/ut_countset.py`,
 * `bin/ut_suites.py`, `bin/ut_presets.py`; `fields_list = word, set, ut_countset` and
 * `word, set, ut_suites`). Both strip the word and the set.
 * - countset: for each character of the set (a preset name, `@word@` for the word's own
 *   characters, or else the set's characters), how often it occurs in the word, keyed by its
 *   uppercase hex code point, plus `sum`; written as `{"ut_countset": {"sum": n, "2E": n, ...}}`.
 *   Python iterates a set in hash order, which varies between runs; the harness lists the
 *   characters by code point.
 * - suites: for each comma-separated preset name (names that are not presets are skipped), the
 *   length of the longest run of the preset's characters in the word, as
 *   `ut_max_suite_<name without @>`; written as a JSON object (`{}` when none applies).
 */
import type { ExternalLookup } from '../types.js';
import { PRESETS } from './presets.js';
import { pythonJson } from './python-json.js';
import { pythonStrip } from './python.js';

export function countset(word: string, set: string): Map<string, number> {
  const members = set === '@word@' ? new Set(Array.from(word)) : (PRESETS.get(set) ?? new Set(Array.from(set)));
  const ordered = [...members].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const counts = new Map<string, number>([['sum', 0]]);
  const letters = Array.from(word);
  for (const c of ordered) {
    const n = letters.filter((l) => l === c).length;
    counts.set(c.codePointAt(0)!.toString(16).toUpperCase(), n);
    counts.set('sum', counts.get('sum')! + n);
  }
  return counts;
}

export function suites(word: string, sets: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of sets.split(',')) {
    const members = PRESETS.get(name);
    if (!members) continue;
    let longest = 0;
    let run = 0;
    for (const c of Array.from(word)) {
      run = members.has(c) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    out[`ut_max_suite_${name.replace(/@/g, '')}`] = longest;
  }
  return out;
}

export const utCountset: ExternalLookup = {
  name: 'ut_countset_lookup',
  fields: ['word', 'set', 'ut_countset'],
  run: (row) => ({ ...row, ut_countset: pythonJson(new Map([['ut_countset', countset(pythonStrip(row.word ?? ''), pythonStrip(row.set ?? ''))]])) }),
};

export const utSuites: ExternalLookup = {
  name: 'ut_suites_lookup',
  fields: ['word', 'set', 'ut_suites'],
  run: (row) => ({ ...row, ut_suites: pythonJson(suites(pythonStrip(row.word ?? ''), pythonStrip(row.set ?? ''))) }),
};
