import type { Rule } from '../types.js';
import { isObj } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

const REQUIRED = ['data', 'source', 'sourcetype'] as const;

/** The replay needs all three: the file to fetch, and the source and sourcetype to index it under. */
export const attackDataFieldsRule: Rule = {
  ...ruleInfo('attack-data-fields'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      const tests = d.raw.tests;
      if (!Array.isArray(tests)) continue;
      tests.forEach((test, t) => {
        if (!isObj(test)) return;
        if (!Array.isArray(test.attack_data)) return; // missing or wrong type: the schema rule reports it
        if (test.attack_data.length === 0) {
          ctx.report({ file: d.file, path: ['tests', t], message: `test '${String(test.name ?? t + 1)}' has no attack_data`, detection: d });
          return;
        }
        test.attack_data.forEach((entry, a) => {
          if (!isObj(entry)) return;
          const missing = REQUIRED.filter((k) => typeof entry[k] !== 'string' || (entry[k] as string).trim() === '');
          if (missing.length)
            ctx.report({ file: d.file, path: ['tests', t, 'attack_data', a], message: `attack_data entry lacks ${missing.join(', ')}`, detection: d });
        });
      });
    }
  },
};
