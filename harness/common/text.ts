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
