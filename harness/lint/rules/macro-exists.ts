import type { Rule } from '../types.js';
import { isFilterMacroKey, macroUses } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/**
 * Every macro the search calls, directly or inside other macros' definitions, is defined in
 * macros/ or is known to ship with the CIM add-on or Enterprise Security. Filter macros are the
 * business of the filter-macro rules (contentctl creates a missing one as `search *`).
 */
export const macroExistsRule: Rule = {
  ...ruleInfo('macro-exists'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      for (const use of macroUses(d, ctx.content.macros)) {
        if (use.macro || use.builtin || isFilterMacroKey(use.key)) continue;
        const via = use.via.length ? ` (called from ${use.via.map((k) => `\`${k}\``).join(' → ')})` : '';
        ctx.report({ file: d.file, path: ['search'], message: `macro \`${use.key}\`${via} is not defined in macros/`, detection: d });
      }
    }
  },
};
