/**
 * URL Toolbox (Splunkbase app 2734, `utbox`), whose lookups ESCU's detections call: one module
 * per lookup family, following the app's 1.7 scripts (`bin/*.py`, `default/transforms.conf`).
 */
import type { ExternalLookup } from '../types.js';
import { utCountset, utSuites } from './countset.js';
import { utLevenshtein } from './levenshtein.js';
import { utParseExtended, utParseSimple } from './parse.js';
import { utShannon } from './shannon.js';
import { utBayesian, utMeaning } from './wordlists.js';

export const URL_TOOLBOX_LOOKUPS: readonly ExternalLookup[] = [
  utShannon,
  utParseSimple,
  utParseExtended,
  utMeaning,
  utCountset,
  utSuites,
  utBayesian,
  utLevenshtein,
];
