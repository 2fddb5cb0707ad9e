import type { Rule } from '../types.js';
import { isProduction } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** An analyst triaging a TTP or Anomaly notable starts from its drilldowns; ESCU ships them for these types. */
export const drilldownMissingRule: Rule = {
  ...ruleInfo('drilldown-missing'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!isProduction(d) || (d.type !== 'TTP' && d.type !== 'Anomaly')) continue;
      const dd = d.raw.drilldown_searches;
      if (!Array.isArray(dd) || dd.length === 0)
        ctx.report({
          file: d.file,
          path: dd === undefined ? ['type'] : ['drilldown_searches'],
          atKey: true,
          message: `production ${d.type} detection has no drilldown_searches`,
          detection: d,
        });
    }
  },
};
