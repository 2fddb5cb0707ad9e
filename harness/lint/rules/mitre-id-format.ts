import { MITRE_ID_PATTERN } from '../../content/mitre.js';
import type { Rule } from '../types.js';
import { rawTags, stringList } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

export const mitreIdFormatRule: Rule = {
  ...ruleInfo('mitre-id-format'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      for (const { value, index } of stringList(rawTags(d).mitre_attack_id)) {
        if (!MITRE_ID_PATTERN.test(value))
          ctx.report({
            file: d.file,
            path: ['tags', 'mitre_attack_id', index],
            message: `'${value}' is not an ATT&CK technique id (T1234 or T1234.567)`,
            detection: d,
          });
      }
    }
  },
};
