import type { Rule } from '../types.js';
import { isProduction, rawTags } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/**
 * contentctl refuses a production detection without tests unless `tags.manual_test` explains why;
 * Correlation searches run over risk events, not raw data, and are exempt.
 */
export const testsRequiredRule: Rule = {
  ...ruleInfo('tests-required'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!isProduction(d) || d.type === 'Correlation' || rawTags(d).manual_test) continue;
      const tests = d.raw.tests;
      if (!Array.isArray(tests) || tests.length === 0)
        ctx.report({
          file: d.file,
          path: Array.isArray(tests) ? ['tests'] : ['status'],
          atKey: true,
          message: 'production detection has no tests (add a test, or tags.manual_test saying why it cannot be tested)',
          detection: d,
        });
    }
  },
};
