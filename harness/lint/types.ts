import type { FilterMacroMode } from '../config.js';
import type { Content, Detection, Position, Severity, YamlFile, YamlPath } from '../content/types.js';

/** The kinds of content file the linter knows, each with its own JSON Schema. */
export type ContentKind = 'detection' | 'macro' | 'story' | 'data_source' | 'lookup';

/** One YAML file of the content tree with its kind (every file, also those the loader could not index). */
export interface ContentFile {
  kind: ContentKind;
  file: YamlFile;
  /** Set for detection files that the loader turned into a Detection. */
  detection?: Detection;
}

/** What a rule reports: a message at a node of one file. */
export interface Problem {
  file: YamlFile;
  /** The node the problem is about; the file's first line when omitted. */
  path?: YamlPath;
  /** Point at the mapping key rather than its value (e.g. an unknown key). */
  atKey?: boolean;
  /** An exact position, when the rule knows better than the node (e.g. inside a search). */
  position?: Position;
  message: string;
  /** The detection the problem belongs to, for `detection_id` and per-detection suppressions. */
  detection?: Detection;
}

export interface RuleContext {
  content: Content;
  /** Every content YAML file by kind, including files the loader could not index (no name, duplicate). */
  files: ContentFile[];
  /** "Today", for date checks; injectable so tests do not depend on the clock. */
  now: Date;
  /** Whether missing `<name>_filter` macros are generated as `search *` or must be defined (config.ts). */
  filterMacros: FilterMacroMode;
  report(problem: Problem): void;
}

/** A lint rule, ESLint style: self-describing metadata plus a check over the content. */
export interface Rule {
  /** Stable id, used in reports, the config file (`rules:`) and suppressions. */
  id: string;
  /** Default severity; the config file can re-grade it or switch it off. */
  severity: Severity;
  description: string;
  check(ctx: RuleContext): void;
}
