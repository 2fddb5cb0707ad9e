/**
 * ut_levenshtein_lookup (URL Toolbox 1.7, `bin/ut_levenshtein.py`; `fields_list = word1, word2,
 * ut_levenshtein`): the edit distance (insertions, deletions, substitutions, each costing 1)
 * between the two stripped words, compared ignoring case. The script returns the other word's
 * length before lowering case when one word is empty, which gives the same number.
 */
import type { ExternalLookup } from '../types.js';
import { pythonStrip } from './python.js';

export function levenshtein(a: string, b: string): number {
  const s = Array.from(a.toLowerCase());
  const t = Array.from(b.toLowerCase());
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 0; i < s.length; i++) {
    const current = [i + 1];
    for (let j = 0; j < t.length; j++) current.push(Math.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (s[i] === t[j] ? 0 : 1)));
    previous = current;
  }
  return previous[t.length];
}

export const utLevenshtein: ExternalLookup = {
  name: 'ut_levenshtein_lookup',
  fields: ['word1', 'word2', 'ut_levenshtein'],
  run: (row) => ({ ...row, ut_levenshtein: String(levenshtein(pythonStrip(row.word1 ?? ''), pythonStrip(row.word2 ?? ''))) }),
};
