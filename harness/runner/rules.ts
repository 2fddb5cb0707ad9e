/** Rule ids of the runner's checks beyond Splunk's pass rule; `spl-harness.yml` `rules:` can re-grade them. */
export const RUNNER_RULES = ['test-filter-macro', 'test-risk-message', 'test-risk-score', 'test-observable-columns'] as const;
