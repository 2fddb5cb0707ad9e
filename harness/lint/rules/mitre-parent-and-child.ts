import { parentTechnique } from '../../content/mitre.js';
import type { Rule } from '../types.js';
import { rawTags, stringList } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** A sub-technique already implies its parent, so listing both double-counts the mapping. */
export const mitreParentAndChildRule: Rule = {
  ...ruleInfo('mitre-parent-and-child'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      const ids = stringList(rawTags(d).mitre_attack_id);
      const listed = new Map(ids.map(({ value, index }) => [value, index]));
      for (const { value, index } of ids) {
        const parent = parentTechnique(value);
        if (parent && listed.has(parent))
          ctx.report({
            file: d.file,
            path: ['tags', 'mitre_attack_id', listed.get(parent)!],
            message: `technique ${parent} is listed beside its own sub-technique ${value} (item ${index + 1}); keep the sub-technique only`,
            detection: d,
          });
      }
    }
  },
};
