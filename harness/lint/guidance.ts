import type { Rule } from './types.js';

/** Minimum length contentctl accepts for the free-text guidance fields. */
export const MIN_GUIDANCE_LENGTH = 4;

/** A rule that `key` holds real guidance text, not a placeholder. */
export function guidanceRule(id: string, key: 'how_to_implement' | 'known_false_positives', what: string): Rule {
  return {
    id,
    severity: 'error',
    description: `\`${key}\` is text of at least ${MIN_GUIDANCE_LENGTH} characters (${what}).`,
    check(ctx) {
      for (const d of ctx.content.detections) {
        const value = d.raw[key];
        if (typeof value !== 'string') continue; // missing or not text: the schema rule reports it
        if (value.trim().length < MIN_GUIDANCE_LENGTH)
          ctx.report({ file: d.file, path: [key], message: `${key} is ${value.trim() === '' ? 'empty' : `only '${value.trim()}'`}; ${what}`, detection: d });
      }
    },
  };
}

