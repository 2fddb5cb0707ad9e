/**
 * The content model: detection content in the ESCU (splunk/security_content) layout.
 * Every object keeps the file it came from and a way to locate any of its YAML nodes,
 * so later stages can report problems at a file, line and column.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A 1-based line and column inside a file. */
export interface Position {
  line: number;
  column: number;
}

/** A problem found in content, at a position when one is known. */
export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: string;
  detection_id?: string;
}

/** A path into a parsed YAML document, e.g. ['tags', 'mitre_attack_id', 1]. */
export type YamlPath = ReadonlyArray<string | number>;

/** A YAML file as loaded: its plain data plus a locator for node positions. */
export interface YamlFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the content root, with forward slashes. */
  relPath: string;
  text: string;
  /** Parsed data; undefined when the file could not be parsed. */
  data: unknown;
  /** Position of the node at `path` (the value), falling back to its nearest existing ancestor. */
  locate(path: YamlPath): Position;
  /** Position of the key of the mapping entry at `path`, when there is one. */
  locateKey(path: YamlPath): Position;
}

export interface AttackData {
  data: string;
  source: string;
  sourcetype: string;
  custom_index?: string;
}

export interface DetectionTest {
  name: string;
  attack_data: AttackData[];
  test_type?: string;
}

export interface Observable {
  name: string;
  type: string;
  role: string[];
}

/** Newer (v5) risk block. */
export interface Rba {
  message?: string;
  risk_objects?: Array<{ field: string; type: string; score: number }>;
  threat_objects?: Array<{ field: string; type: string }>;
}

export interface Detection {
  file: YamlFile;
  id: string;
  name: string;
  version?: number;
  date?: string;
  status?: string;
  type?: string;
  search: string;
  data_source: string[];
  tests: DetectionTest[];
  tags: Record<string, unknown> & {
    analytic_story?: string[];
    mitre_attack_id?: string[];
    confidence?: number;
    impact?: number;
    risk_score?: number;
    message?: string;
    observable?: Observable[];
    manual_test?: string;
  };
  rba?: Rba;
  /** Everything else in the YAML, untouched. */
  raw: Record<string, unknown>;
  /** True when the file lives under a `deprecated/` folder. */
  deprecated: boolean;
}

export interface Macro {
  file: YamlFile;
  name: string;
  definition: string;
  arguments: string[];
  description?: string;
}

export interface Lookup {
  file: YamlFile;
  name: string;
  filename?: string;
  /** Absolute path to the CSV when the lookup has one and it exists. */
  csvPath?: string;
  match_type?: string;
  case_sensitive_match?: boolean;
  min_matches?: number;
  default_match?: string;
  max_matches?: number;
  raw: Record<string, unknown>;
}

export interface Story {
  file: YamlFile;
  name: string;
  id?: string;
}

export interface DataSource {
  file: YamlFile;
  name: string;
  id?: string;
  source?: string;
  sourcetype?: string;
  raw: Record<string, unknown>;
}

export interface Content {
  root: string;
  detections: Detection[];
  /** Keyed by the macro's call name: `name` for no arguments, `name(N)` for N arguments. */
  macros: Map<string, Macro>;
  stories: Map<string, Story>;
  dataSources: Map<string, DataSource>;
  lookups: Map<string, Lookup>;
  baselines: YamlFile[];
  /** Files that could not be read or parsed, as findings (rule `yaml-syntax` etc.). */
  loadFindings: Finding[];
  /** Detection files that hold nothing (validate's schema rule reports them; test, parse and coverage too). */
  emptyDetections?: string[];
}
