import { MITRE_ID_PATTERN, mitreTechniques, parentTechnique } from '../../content/mitre.js';
import type { Rule } from '../types.js';
import { rawTags, stringList } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** Checked offline against the technique table the project carries (harness/lint/data/mitre-techniques.ts). */
export const mitreIdUnknownRule: Rule = {
  ...ruleInfo('mitre-id-unknown'),
  check(ctx) {
    const table = mitreTechniques();
    for (const d of ctx.content.detections) {
      for (const { value, index } of stringList(rawTags(d).mitre_attack_id)) {
        if (!MITRE_ID_PATTERN.test(value) || table.has(value)) continue; // malformed ids are mitre-id-format's
        const parent = parentTechnique(value);
        const hint = parent && table.has(parent) ? ` (its parent ${parent} "${table.get(parent)!.name}" exists)` : '';
        ctx.report({ file: d.file, path: ['tags', 'mitre_attack_id', index], message: `ATT&CK technique ${value} is unknown${hint}`, detection: d });
      }
    }
  },
};
