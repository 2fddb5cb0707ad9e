import type { Rule } from '../types.js';
import { stringList } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/**
 * Every `data_source` entry names data sources of data_sources/. An entry may join several with
 * ` AND ` (`Windows Event Log Security 4624 AND Windows Event Log Security 4625`): each part must exist.
 */
export const dataSourceExistsRule: Rule = {
  ...ruleInfo('data-source-exists'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      for (const { value, index } of stringList(d.raw.data_source)) {
        const missing = value
          .split(/\s+AND\s+/)
          .map((p) => p.trim())
          .filter((p) => p !== '' && !ctx.content.dataSources.has(p));
        if (missing.length)
          ctx.report({
            file: d.file,
            path: ['data_source', index],
            message: `data source ${missing.map((m) => `'${m}'`).join(', ')} is not defined in data_sources/`,
            detection: d,
          });
      }
    }
  },
};
