import type { Rule } from './types.js';
import { MIN_GUIDANCE_LENGTH, ruleInfo } from '../report/rules.js';

/** A rule that `key` holds real guidance text, not a placeholder. */
export function guidanceRule(id: string, key: 'how_to_implement' | 'known_false_positives', what: string): Rule {
  return {
    ...ruleInfo(id),
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
