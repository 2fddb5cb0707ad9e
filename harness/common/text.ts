/** Small text helpers every layer shares: literal regexes, `*` wildcards, plain-object tests. */

/** `text` as a regular expression that matches it literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A regex for a `*` wildcard pattern (`*` any run, newlines included), anchored; each `*` is a
 * capture group, so a rename can carry the matched parts over. `flags` adds e.g. `i`.
 */
export function wildcardRegex(pattern: string, flags = ''): RegExp {
  return new RegExp('^' + pattern.split('*').map(escapeRegex).join('(.*?)') + '$', flags + 's');
}

/** A plain object (not null, not an array), as YAML and JSON give them. */
export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Levenshtein distance between two texts (insertions, deletions, substitutions). Texts whose lengths
 * differ by more than 64 return that difference: a bound, enough to rank "near" against "far".
 */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 64) return Math.abs(a.length - b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
