import type { YamlPath } from '../../content/types.js';
import type { Rule } from '../types.js';
import { isObj, rawTags } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** Confidence, impact and RBA scores are percentages-like scores from 1 to 100. */
export const riskRangeRule: Rule = {
  ...ruleInfo('risk-range'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      const check = (value: unknown, path: YamlPath, label: string) => {
        // Absent, or not an integer: the schema rule reports the type.
        if (typeof value !== 'number' || !Number.isInteger(value)) return;
        if (value < 1 || value > 100) ctx.report({ file: d.file, path, message: `${label} is ${value}, expected an integer from 1 to 100`, detection: d });
      };
      const tags = rawTags(d);
      check(tags.confidence, ['tags', 'confidence'], 'confidence');
      check(tags.impact, ['tags', 'impact'], 'impact');
      const rba = d.raw.rba;
      if (isObj(rba) && Array.isArray(rba.risk_objects)) {
        rba.risk_objects.forEach((o, i) => isObj(o) && check(o.score, ['rba', 'risk_objects', i, 'score'], `risk object score`));
      }
    }
  },
};
