/**
 * ut_meaning_lookup and ut_bayesian_lookup (URL Toolbox 1.7, `bin/ut_meaning.py`,
 * `bin/ut_bayesian.py`) score a word against word lists the app ships (`meaning.dic`, an English
 * dictionary; `bayesian_good.dic` / `bayesian_bad.dic`, about 27,000 Alexa and
 * malwaredomainlist.com domains each). Their scores depend on every entry of those lists, which
 * the harness does not bundle, so both lookups are reported unsupported rather than guessed.
 */
import type { ExternalLookup } from '../types.js';

const unavailable = (name: string, fields: string[], reason: string): ExternalLookup => ({
  name,
  fields,
  unsupported: reason,
  run: () => {
    throw new Error(`${name}: ${reason}`);
  },
});

export const utMeaning = unavailable('ut_meaning_lookup', ['word', 'ut_meaning_ratio'], "needs URL Toolbox's meaning.dic word list, not bundled");
export const utBayesian = unavailable(
  'ut_bayesian_lookup',
  ['word', 'ut_bayesian'],
  "needs URL Toolbox's bayesian_good.dic and bayesian_bad.dic domain lists, not bundled",
);
