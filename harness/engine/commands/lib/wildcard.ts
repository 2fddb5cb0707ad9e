/** Field-name and value wildcards as commands use them (`rename Processes.* as *`, `fields - _*`). */

import { wildcardRegex } from '../../../common/text.js';

export { wildcardRegex };

export const hasWildcard = (pattern: string) => pattern.includes('*');

/** The names among `names` that `pattern` selects, in the order of `names`. */
export function matchFieldNames(pattern: string, names: Iterable<string>): string[] {
  if (!hasWildcard(pattern)) return [...names].filter((n) => n === pattern);
  const re = wildcardRegex(pattern);
  return [...names].filter((n) => re.test(n));
}

/**
 * Substitutes the parts a wildcard pattern captured into a target pattern: the i-th `*` of
 * `target` takes the i-th capture (`Processes.*` → `*` turns `Processes.dest` into `dest`).
 */
export function substituteWildcards(target: string, captures: string[]): string {
  let i = 0;
  return target.replace(/\*/g, () => captures[i++] ?? '');
}
