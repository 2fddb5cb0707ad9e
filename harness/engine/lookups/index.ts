/**
 * Lookups the engine knows without a table in the content: the external (scripted) lookups of
 * the apps ESCU's detections are tested with. A content lookup of the same name wins, as the
 * content's own definition would in Splunk.
 */
import type { LookupMatcher } from '../lookup.js';
import type { ExternalLookup } from './types.js';
import { URL_TOOLBOX_LOOKUPS } from './urltoolbox/index.js';

export type { ExternalLookup } from './types.js';

const BUILTIN = new Map<string, ExternalLookup>(URL_TOOLBOX_LOOKUPS.map((l) => [l.name, l]));

export function builtinLookup(name: string): ExternalLookup | undefined {
  return BUILTIN.get(name);
}

/**
 * A matcher that calls the lookup once per combination of input values: one output row each,
 * every field of `fields_list` that the search did not give sent empty.
 */
export function externalMatcher(lookup: ExternalLookup): LookupMatcher {
  return {
    maxMatches: 1,
    minMatches: 0,
    defaultMatch: '',
    match(inputs) {
      const row = Object.fromEntries(lookup.fields.map((f) => [f, inputs[f] ?? '']));
      return [lookup.run(row)];
    },
  };
}

/** How a lookup the content has no table for is named as unsupported: with the reason when built in. */
export function lookupBlocker(name: string): string {
  const reason = builtinLookup(name)?.unsupported;
  return reason ? `${name} (${reason})` : name;
}
