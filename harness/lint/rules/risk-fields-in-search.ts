import type { Detection, YamlPath } from '../../content/types.js';
import { fieldAppears } from '../../spl/query.js';
import type { Rule } from '../types.js';
import { isObj, rawTags, searchWithMacroText } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** Each risk-bearing field a detection declares, with where it is declared. */
export function declaredRiskFields(d: Detection): Array<{ field: string; path: YamlPath; kind: string }> {
  const out: Array<{ field: string; path: YamlPath; kind: string }> = [];
  const observables = rawTags(d).observable;
  if (Array.isArray(observables)) {
    observables.forEach(
      (o, i) => isObj(o) && typeof o.name === 'string' && out.push({ field: o.name, path: ['tags', 'observable', i, 'name'], kind: 'observable' }),
    );
  }
  const rba = d.raw.rba;
  if (isObj(rba)) {
    for (const [key, kind] of [
      ['risk_objects', 'risk object'],
      ['threat_objects', 'threat object'],
    ] as const) {
      const list = rba[key];
      if (Array.isArray(list))
        list.forEach((o, i) => isObj(o) && typeof o.field === 'string' && out.push({ field: o.field, path: ['rba', key, i, 'field'], kind }));
    }
  }
  return out;
}

/**
 * A risk object that the search never produces yields risk events with an empty object. The field
 * must be named in the search or a macro it uses (a data-model prefix such as `Processes.dest` counts).
 */
export const riskFieldsInSearchRule: Rule = {
  ...ruleInfo('risk-fields-in-search'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!d.search) continue;
      const text = searchWithMacroText(d, ctx.content.macros);
      for (const { field, path, kind } of declaredRiskFields(d)) {
        if (!fieldAppears(field, text)) ctx.report({ file: d.file, path, message: `${kind} field '${field}' does not appear in the search`, detection: d });
      }
    }
  },
};
