/**
 * The shape of a source table: what one add-on does at search time for one source/sourcetype,
 * as data. pySigma's processing pipelines are the model: a match condition plus field rules that
 * can be read and tested on their own. The phases follow Splunk's search-time order of
 * operations (Splunk docs, "The sequence of search-time operations"): inline/REPORT
 * extractions, then field aliases, then calculated fields, then lookups, then event types, then
 * tags.
 */

import type { Cond, Expr } from '../transforms.js';

/** Source/sourcetype patterns: case-insensitive, `*` wildcard. Every list given must match. */
export interface SourceMatch {
  sourcetype?: string[];
  source?: string[];
}

/** Fields set by one rule, each from an expression; `when` limits the rule to some events. */
export interface FieldRule {
  when?: Cond;
  set: Record<string, Expr>;
}

/** FIELDALIAS: `target: 'Source'` copies Source into target when Source has a value. */
export interface AliasRule {
  when?: Cond;
  alias: Record<string, string>;
}

/** An event type: a named search; matching events get the name in `eventtype` and its tags. */
export interface Eventtype {
  name: string;
  search: Cond;
  tags?: string[];
}

/** Tags on a field value (tags.conf `[field=value]`), or on any condition. */
export interface FieldTag {
  when: Cond;
  tags: string[];
}

export interface SourceSpec {
  /** Short id, e.g. `sysmon`. */
  name: string;
  /** Which add-on behaviour this follows, in a sentence. */
  description: string;
  /** One match, or several of which any may apply. */
  match: SourceMatch | SourceMatch[];
  /** REPORT/EXTRACT: a field already present is kept (first extraction wins). */
  extract?: FieldRule[];
  /** FIELDALIAS: overwrites the target when the source field has a value. */
  aliases?: AliasRule[];
  /**
   * EVAL- calculated fields: all computed side by side from the event as it stands after the
   * aliases (one calculated field never sees another), then assigned; null removes the field.
   */
  evals?: FieldRule[];
  /** LOOKUP ... OUTPUTNEW: sets only fields still absent. */
  lookups?: FieldRule[];
  eventtypes?: Eventtype[];
  tags?: FieldTag[];
}
