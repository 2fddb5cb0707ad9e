/**
 * The one catalog of the rules a report can name: every lint rule (its id, default severity and
 * description; its check lives in lint/rules/<id>.ts), the problems the content loader reports,
 * the runner's checks on a test's results, and the two test outcomes SARIF reports as rules.
 * Lint, the runner and the report formats all read it here, so none of them imports another
 * for a rule's description.
 */
import type { Severity } from '../content/types.js';

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
}

/** ESCU names become saved-search names with a prefix and suffix; Splunk's limit leaves 67 characters. */
export const MAX_DETECTION_NAME = 67;

/** Minimum length contentctl accepts for the free-text guidance fields. */
export const MIN_GUIDANCE_LENGTH = 4;

const guidance = (key: string, what: string) => `\`${key}\` is text of at least ${MIN_GUIDANCE_LENGTH} characters (${what}).`;

/** Every lint rule, by id. */
const LINT_RULES: readonly RuleInfo[] = [
  { id: 'attack-data-fields', severity: 'error', description: 'Each test `attack_data` entry has a non-empty `data`, `source` and `sourcetype`.' },
  { id: 'data-source-exists', severity: 'error', description: 'Every `data_source` name (each part of an `A AND B` entry) is defined in data_sources/.' },
  { id: 'date-valid', severity: 'error', description: '`date` is a real calendar date written YYYY-MM-DD and not in the future.' },
  { id: 'detection-name-length', severity: 'error', description: `A detection name is not empty and at most ${MAX_DETECTION_NAME} characters long.` },
  {
    id: 'drilldown-fields',
    severity: 'error',
    description: 'Each drilldown has name, search, earliest_offset and latest_offset, and its `$field$` tokens are fields the search produces.',
  },
  { id: 'drilldown-missing', severity: 'warning', description: 'Production TTP and Anomaly detections have drilldown_searches.' },
  {
    id: 'file-name',
    severity: 'error',
    description: "A detection's file name is its name with spaces, '-', '.', '/' turned to '_', lower-cased, plus '.yml'.",
  },
  {
    id: 'filter-macro-defined',
    severity: 'warning',
    description: 'With `filter_macros: required`, the filter macro `<file_stem>_filter` is defined in macros/ (otherwise it is generated as `search *`).',
  },
  { id: 'filter-macro-last', severity: 'error', description: 'The search ends with its filter macro `<file_stem>_filter` as the last command.' },
  { id: 'id-format', severity: 'error', description: 'The `id` of a detection, story or data source is a UUID (8-4-4-4-12 hexadecimal digits).' },
  { id: 'id-unique', severity: 'error', description: 'Every id is unique across all content (detections, stories, data sources).' },
  {
    id: 'lookup-exists',
    severity: 'error',
    description:
      'Every lookup named by `lookup`, `inputlookup` or `outputlookup` (in the search or a macro it uses) is defined in lookups/ or ships with ES, the CIM or URL Toolbox.',
  },
  { id: 'lookup-file', severity: 'error', description: "A lookup's `filename` (CSV or model file) exists beside its YAML in lookups/." },
  {
    id: 'macro-exists',
    severity: 'error',
    description: 'Every macro the search uses (recursively through macro definitions) is defined or a known CIM/ES built-in.',
  },
  {
    id: 'message-tokens-in-search',
    severity: 'error',
    description: 'Every `$field$` token of the risk message (tags.message or rba.message) names a field that appears in the search.',
  },
  {
    id: 'mitre-id-format',
    severity: 'error',
    description: 'Each `tags.mitre_attack_id` is an ATT&CK technique id: T followed by 4 digits, optionally a dot and 3 digits.',
  },
  { id: 'mitre-id-unknown', severity: 'error', description: 'Each `tags.mitre_attack_id` is a technique that exists in the ATT&CK table the project carries.' },
  {
    id: 'mitre-parent-and-child',
    severity: 'warning',
    description: 'A sub-technique is not listed beside its own parent technique in `tags.mitre_attack_id`.',
  },
  { id: 'name-unique', severity: 'error', description: 'Names are unique within each kind of content (macros by name and arity).' },
  { id: 'required-fields', severity: 'error', description: '`tags.required_fields` is a non-empty list of distinct, non-blank field names.' },
  {
    id: 'risk-fields-in-output',
    severity: 'warning',
    description: "Risk objects, threat objects, observables and message tokens are among the search's result fields, when the parsed pipeline determines them.",
  },
  {
    id: 'risk-fields-in-search',
    severity: 'error',
    description: 'Every observable, risk object and threat object field appears in the search (or a macro it uses).',
  },
  { id: 'risk-range', severity: 'error', description: '`tags.confidence`, `tags.impact` and every `rba.risk_objects[].score` are integers from 1 to 100.' },
  { id: 'risk-score-formula', severity: 'error', description: 'A declared `tags.risk_score` equals round(confidence × impact / 100).' },
  { id: 'schema', severity: 'error', description: 'Content files match their JSON Schema (types, required keys, allowed values).' },
  { id: 'story-exists', severity: 'error', description: 'Every `tags.analytic_story` names a story defined in stories/.' },
  {
    id: 'tests-required',
    severity: 'error',
    description: 'A production detection that is not a Correlation and has no `tags.manual_test` has at least one test.',
  },
  { id: 'unknown-key', severity: 'warning', description: 'Keys that the content schema does not define (often a misspelt key whose value is then ignored).' },
  { id: 'version-positive', severity: 'error', description: '`version` is a positive integer.' },
  { id: 'lookup-csv', severity: 'error', description: "A lookup's CSV file parses: every quoted field is closed." },
  { id: 'spl-syntax', severity: 'error', description: 'The search expands (no macro cycle) and parses as SPL, as `test` compiles it.' },
  { id: 'how-to-implement', severity: 'error', description: guidance('how_to_implement', 'say which data and add-ons the search needs') },
  {
    id: 'known-false-positives',
    severity: 'error',
    description: guidance('known_false_positives', "describe benign activity that matches, or say 'None' / 'Unknown'"),
  },
];

/** Problems the content loader reports itself (a file it cannot read, decode or parse). */
export const LOADER_RULES: readonly RuleInfo[] = [
  { id: 'yaml-syntax', severity: 'error', description: 'The file is well-formed YAML.' },
  { id: 'file-encoding', severity: 'error', description: 'The file is valid UTF-8.' },
  { id: 'file-read', severity: 'error', description: 'The file can be read.' },
];

/** The runner's own checks on a test's results, beyond Splunk's pass rule; config `rules:` re-grades them. */
export const RUNNER_RULES = ['test-filter-macro', 'test-risk-message', 'test-risk-score', 'test-observable-columns', 'test-observable-incomplete'] as const;

/**
 * Default severity of each runner rule. `test-observable-incomplete` is stricter than Splunk's own
 * pass rule, so by default it only warns (config `rules:` or `--strict` make it an error).
 */
export const RUNNER_RULE_DEFAULTS: Record<(typeof RUNNER_RULES)[number], Severity> = {
  'test-filter-macro': 'error',
  'test-risk-message': 'error',
  'test-risk-score': 'error',
  'test-observable-columns': 'error',
  'test-observable-incomplete': 'warning',
};

/** The rules a test outcome maps to (tests are not lint rules, but SARIF results need a rule). */
export const TEST_OUTCOME_RULES: readonly RuleInfo[] = [
  { id: 'detection-test-failed', severity: 'error', description: 'A detection test ran and did not meet the pass rule (a true positive returned no results).' },
  { id: 'detection-test-error', severity: 'error', description: 'A detection test could not run to completion (dataset, parse or engine error).' },
  {
    id: 'test-clause-unexercised',
    severity: 'info',
    description: 'A leaf of the search (term, OR branch, IN value, case/if arm) that no event of the test exercised (test --coverage).',
  },
  { id: 'test-mutant-survived', severity: 'info', description: 'A mutant of the search that the test cannot tell from the original (test --mutate).' },
];

const BY_ID = new Map<string, RuleInfo>([...LINT_RULES, ...LOADER_RULES, ...TEST_OUTCOME_RULES].map((r) => [r.id, r]));

/** A lint rule's id, severity and description, for its module to spread into its definition. */
export function ruleInfo(id: string): RuleInfo {
  const info = BY_ID.get(id);
  if (!info) throw new Error(`rule '${id}' is not in the catalog (report/rules.ts)`);
  return { id: info.id, severity: info.severity, description: info.description };
}

/** id → severity and description of every rule that can appear in a report (runner checks have none: their findings carry their level). */
export function ruleDescriptions(): Map<string, { severity: string; description: string }> {
  return new Map([...LINT_RULES, ...LOADER_RULES].map((r) => [r.id, { severity: r.severity, description: r.description }]));
}
