/**
 * ut_shannon_lookup (URL Toolbox 1.7, `bin/ut_shannon.py`; transforms.conf
 * `fields_list = word, ut_shannon`): the Shannon entropy of the stripped word in bits per
 * character, H = −Σ p(c)·log2 p(c) over the word's distinct characters, where p(c) is the
 * character's count over the word's length. An empty word has entropy 0.0. Characters are
 * Python 3 code points, not UTF-16 units.
 */
import type { ExternalLookup } from '../types.js';
import { pythonFloat, pythonStrip } from './python.js';

export function shannonEntropy(word: string): number {
  const chars = Array.from(word);
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    // Python's math.log(p, 2) is log(p) / log(2), summed in first-occurrence order.
    entropy -= p * (Math.log(p) / Math.LN2);
  }
  return entropy;
}

export const utShannon: ExternalLookup = {
  name: 'ut_shannon_lookup',
  fields: ['word', 'ut_shannon'],
  run: (row) => ({ ...row, ut_shannon: pythonFloat(shannonEntropy(pythonStrip(row.word ?? ''))) }),
};
