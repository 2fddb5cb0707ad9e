import type { Finding } from '../content/types.js';

/** How one detection test ended. `unsupported` and `error` are neither a pass nor a fail. */
export type TestStatus = 'passed' | 'failed' | 'unsupported' | 'error' | 'skipped';

export interface DatasetUse {
  url: string;
  /** Local file the data was read from (mirror, cache or download), when resolved. */
  resolved?: string;
  sha256?: string;
}

/** One detection test (one entry of a detection's `tests`, or one sidecar case). */
export interface TestResult {
  id: string;
  name: string;
  /** Detection file, relative to the content root. */
  file: string;
  /** The test's name, e.g. "True Positive Test". */
  test: string;
  status: TestStatus;
  /** Result rows of the search (with its filter macro as defined). */
  rows: number;
  /** Why it failed, errored, was unsupported or skipped; notes for a pass. */
  reasons: string[];
  /** Milliseconds per stage: fetch, read, search, ... */
  timings: Record<string, number>;
  datasets: DatasetUse[];
  /** For a true positive with zero rows: which predicate killed the match, and the nearest events. */
  explanation?: string;
  /** For a true positive: which rule decided the verdict and at which row (contentctl's pass rule). */
  decided_by?: string;
  /** Line in the detection file to annotate (the search, or the test). */
  line?: number;
  /** The detection's `status` (production, experimental, deprecated), for contentctl-style summaries. */
  detection_status?: string;
  /** The detection's search as written in its YAML, for contentctl-style summaries. */
  search?: string;
  /** True when the detection carries `tags.manual_test`. */
  manual_test?: boolean;
  /** The detection's `data_source` names, for per-source views of a run. */
  data_source?: string[];
  /** The detection's `tags.mitre_attack_id` technique ids, for per-tactic views of a run. */
  mitre_attack_id?: string[];
  /** With `test --coverage`: which leaves of the search's logic the test data exercised (runner/clauses.ts). */
  coverage?: ClauseCoverage;
  /** With `test --mutate`: how many mutants of the search the test tells from the original (runner/mutate.ts). */
  mutation?: MutationSummary;
}

/** One leaf of a search's logic, at its position in the detection file (the macro call when it sits in a macro). */
export interface ClauseLeaf {
  text: string;
  /** The command it belongs to, 1-based in the expanded search. */
  command: number;
  line: number;
  column: number;
  macro?: string;
}

export interface ClauseCoverage {
  exercised: ClauseLeaf[];
  unexercised: ClauseLeaf[];
}

/** One mutant the test could not tell from the original search. */
export interface SurvivingMutant {
  operator: string;
  /** What changed, e.g. `dropped OR branch process_name=cmd.exe`. */
  change: string;
  line: number;
  column: number;
  macro?: string;
  /** The whole mutated search, rendered as SPL. */
  spl: string;
}

export interface MutationSummary {
  mutants: number;
  killed: number;
  /** Mutants that did not compile or need what the engine lacks: not counted in the score. */
  invalid: number;
  /** killed / (mutants - invalid); 1 when there is no valid mutant. */
  score: number;
  survivors: SurvivingMutant[];
}

export interface TestSummary {
  total: number;
  passed: number;
  failed: number;
  unsupported: number;
  skipped: number;
  errors: number;
  duration_ms: number;
}

export interface ValidateSummary {
  files: number;
  errors: number;
  warnings: number;
}

/** What a command hands to a report format. */
export type Report =
  | { command: 'validate'; summary: ValidateSummary; findings: Finding[] }
  | { command: 'test'; summary: TestSummary; results: TestResult[]; findings?: Finding[]; baseline?: Baseline };

/** A previous run's results to compare with (`--baseline FILE`), and how to name it. */
export interface Baseline {
  label: string;
  results: TestResult[];
}

export type ReportFormat = 'pretty' | 'json' | 'junit' | 'sarif' | 'github' | 'summary-yml' | 'html';
