import type { Severity } from '../content/types.js';

/** Rule ids of the runner's checks beyond Splunk's pass rule; `spl-harness.yml` `rules:` can re-grade them. */
export const RUNNER_RULES = ['test-filter-macro', 'test-risk-message', 'test-risk-score', 'test-observable-columns', 'test-observable-incomplete'] as const;

/**
 * Default severity of each runner rule. `test-observable-incomplete` is stricter than Splunk's own
 * pass rule (runner/assert.ts), so by default it only warns (config `rules:` or `--strict` make it an error).
 */
export const RUNNER_RULE_DEFAULTS: Record<(typeof RUNNER_RULES)[number], Severity> = {
  'test-filter-macro': 'error',
  'test-risk-message': 'error',
  'test-risk-score': 'error',
  'test-observable-columns': 'error',
  'test-observable-incomplete': 'warning',
};
