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
  /**
   * The test's identity, stable across machines and runs: `<file>#<position in tests>` for an
   * ESCU test, `<file>#case:<name>` for a sidecar case (runner/plan.ts). Test names are not
   * unique: several ESCU detections hold two tests both named "True Positive Test".
   */
  key: string;
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
  /** The detection's `type` (TTP, Anomaly, Hunting, ...), for contentctl-style summaries. */
  detection_type?: string;
  /** The detection's `data_source` list, for contentctl-style summaries. */
  data_source?: string[];
  /** The detection's search as written in its YAML, for contentctl-style summaries. */
  search?: string;
  /** The detection's `tags.manual_test` text, when it has one. */
  manual_test?: string;
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
  /**
   * Where the leaf was written in the test result's `search`: [start, end) character offsets, the
   * whole macro call when the leaf comes from a macro. Absent when the search could not be mapped.
   */
  search_span?: [number, number];
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

/**
 * What one shard of a `--shard i/n` run planned, so that merging can prove that every shard of
 * the same plan is present exactly once and ran everything it planned.
 */
export interface ShardInfo {
  index: number;
  count: number;
  /** Keys of the tests this shard planned, in plan order. */
  planned: string[];
  /** Tests in the whole plan, over all shards. */
  plan_total: number;
  /** A hash of every key of the whole plan: shards of different commits or options differ here. */
  plan_digest: string;
}

export interface ValidateSummary {
  files: number;
  errors: number;
  warnings: number;
}

/** What a command hands to a report format. */
export type Report =
  | { command: 'validate'; summary: ValidateSummary; findings: Finding[] }
  | { command: 'test'; summary: TestSummary; results: TestResult[]; findings?: Finding[]; shard?: ShardInfo; baseline?: Baseline };

/** A previous run's results to compare with (`--baseline FILE`), and how to name it. */
export interface Baseline {
  label: string;
  results: TestResult[];
}

export type ReportFormat = 'pretty' | 'json' | 'junit' | 'sarif' | 'github' | 'summary-yml' | 'html';
