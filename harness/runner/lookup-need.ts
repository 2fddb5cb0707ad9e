/**
 * The keys of a lookup that a search's rows must match to survive: `... | lookup attacker_tools
 * attacker_tool_names AS process_name OUTPUT description | search description!=false`.
 *
 * A row whose key matches no row of the table gets the lookup's no-match outputs (nothing, or
 * `default_match` when `min_matches` > 0: transforms.conf); when the filter after the lookup drops
 * that row, only rows whose key matches some key of the table reach the result. If the key is a
 * tstats by-field (or, for a leading `search`, an event field the search requires), an input event
 * whose key matches no table key only feeds rows that are dropped, so the raw-text pre-filter
 * (prefilter.ts) may ask for `key IN (<table keys>)` too: a case-insensitive search equality with
 * `*` wildcards holds for every value a lookup match holds for (case-sensitive or not, WILDCARD or
 * exact).
 *
 * Everything here is an allowlist: any command, option or shape not understood adds nothing.
 * Whether the filter drops the no-match row is decided by running the engine's own lookup and
 * filter commands on synthetic rows, never by re-reading search or where semantics.
 */

import type { Command, CommandNodes, Pipeline } from '../spl/ast.js';
import type { Content } from '../content/types.js';
import type { Event, EngineSource, LookupTable } from '../engine/types.js';
import { compileLookupMatcher, findLookup, loadLookupTable, parseMatchType } from '../engine/lookup.js';
import { applyMappers } from '../engine/commands/lib/streaming.js';
import { streamingSteps } from '../engine/run.js';
import { hasSubsearch } from '../engine/commands/lib/subsearch.js';
import { optionText } from '../engine/commands/lib/stream.js';
import { aggregationName, renameField } from '../spl/output-fields.js';
import { fieldAtFirst, isGroupKey, isRowWise, mayWrite } from './row-lineage.js';
import { evalNode, walk } from '../spl/walk.js';
import { searchFields } from '../engine/reads.js';

export type LookupResolver = (name: string) => LookupTable | undefined;

/** A requirement on one field of the first command's rows: its value matches one of `keys` (search semantics). */
export interface LookupKeys {
  /** The field as the first command names it (`Processes.process_name` for a tstats). */
  field: string;
  keys: string[];
  /** The lookup, for reports. */
  lookup: string;
}

/** More keys than this add a test per event that costs more than it saves. */
export const MOST_KEYS = 256;

/** tstats options that change neither which rows exist nor their by-values (fillnull_value is checked apart). */
const TSTATS_OPTIONS = new Set(['summariesonly', 'allow_old_summaries', 'fillnull_value', 'local', 'chunk_size', 'include_reduced_buckets']);

/** lookup options that change nothing of one lookup's result (event_time_field makes it temporal). */
const LOOKUP_OPTIONS = new Set(['local', 'update']);

/** Eval functions a filter may not call: their result does not follow from the row alone. */
const UNSTABLE_FUNCTIONS = new Set(['now', 'time', 'random', 'searchmatch', 'relative_time']);

const resolvers = new WeakMap<Content, LookupResolver>();

/** The content's lookup tables by name, each loaded once; a table that cannot be loaded is unknown. */
export function contentLookupResolver(content: Content): LookupResolver {
  let resolver = resolvers.get(content);
  if (!resolver) {
    const cache = new Map<string, LookupTable | undefined>();
    resolver = (name) => {
      if (!cache.has(name)) {
        let table: LookupTable | undefined;
        try {
          const l = findLookup(content, name);
          table = l ? loadLookupTable(l) : undefined;
        } catch {
          table = undefined; // a CSV that does not parse: the search itself reports it
        }
        cache.set(name, table);
      }
      return cache.get(name);
    };
    resolvers.set(content, resolver);
  }
  return resolver;
}

/** The lookup keys a search's rows must match, or undefined when that cannot be shown. */
export function lookupKeys(pipeline: Pipeline, lookups: LookupResolver): LookupKeys | undefined {
  const commands = pipeline.commands;
  const first = commands[0];
  if (!first || !readsRowsWeUnderstand(first)) return undefined;
  // Only row-wise commands that keep the key may stand between the first command and the lookup.
  let at = 1;
  while (at < commands.length && isRowWise(commands[at])) at++;
  const lookup = commands[at];
  if (lookup?.cmd !== 'lookup') return undefined;
  const table = lookups(lookup.lookup);
  if (!table || lookup.inputs.length !== 1 || Object.keys(lookup.options).some((o) => !LOOKUP_OPTIONS.has(o.toLowerCase()))) return undefined;
  const input = lookup.inputs[0];
  if (parseMatchType(table.matchType).get(input.from) === 'CIDR' || !table.columns.includes(input.from)) return undefined;

  const field = fieldAtFirst(commands, at, input.to);
  if (field === undefined || !keyIsRowKey(first, field)) return undefined;
  const outputs = (lookup.outputs.length ? lookup.outputs : table.columns.filter((c) => c !== input.from).map((c) => ({ from: c, to: c }))).map((o) => o.to);
  if (lookup.outputMode === 'OUTPUTNEW' && !outputsAreNew(first, commands.slice(1, at), outputs)) return undefined;

  const keys = [...new Set(table.rows.map((r) => r[input.from] ?? ''))];
  if (keys.length === 0 || keys.length > MOST_KEYS || keys.some((k) => k.replace(/\*/g, '') === '')) return undefined;
  const matcher = compileLookupMatcher(table, [input.from]);
  const misses = (value: string) => matcher.match({ [input.from]: value }).length === 0;
  // A stand-in for a missing by-value (tstats fillnull_value) that matches a key keeps rows of events without the field.
  const fill = first.cmd === 'tstats' ? optionText(first.options.fillnull_value) : undefined;
  if (fill !== undefined && !misses(fill)) return undefined;
  const noMatch = ['\u0001', '\u0002\u0003'].filter(misses);
  if (noMatch.length < 2) return undefined;

  for (let j = at + 1; j < commands.length; j++) {
    const c = commands[j];
    if (!isRowWise(c)) return undefined;
    if (c.cmd !== 'search' && c.cmd !== 'where') continue;
    const read = filterReads(c);
    if (!read || read.size === 0 || [...read].some((f) => !outputs.includes(f))) continue;
    if (commands.slice(at + 1, j).some((between) => [...read].some((f) => mayWrite(between, f)))) return undefined;
    const rows: Event[] = [{ [input.to]: noMatch[0] }, { [input.to]: noMatch }];
    if (rows.every((row) => dropsRow(lookup, c, table, row))) return { field, keys, lookup: lookup.lookup };
  }
  return undefined;
}

/** A leading `search`, or a tstats over a data model whose rows are its groups. */
function readsRowsWeUnderstand(first: Command): boolean {
  if (first.cmd === 'search') return first.expr !== null && !hasSubsearch(first.expr);
  if (first.cmd === 'tstats') {
    if (!first.datamodel || (first.where && hasSubsearch(first.where))) return false;
    return Object.keys(first.options).every((o) => TSTATS_OPTIONS.has(o.toLowerCase()));
  }
  return false;
}

/**
 * Whether `field` names each row's key as the first command makes its rows: a tstats by-field
 * (never an aggregation's output: its values are not one event's); for a leading `search`, an event
 * field that a top-level term requires to be there (an event without it passes the lookup
 * unchanged, with whatever fields of those names it has).
 */
function keyIsRowKey(first: Command, field: string): boolean {
  if (first.cmd === 'tstats') return isGroupKey(first, field);
  if (first.cmd === 'search' && first.expr) {
    const terms = first.expr.type === 'and' ? first.expr.items : [first.expr];
    return terms.some((t) => ((t.type === 'compare' && t.op === '=') || t.type === 'in' ? t.field === field : false));
  }
  return false;
}

/**
 * For OUTPUTNEW (which fills only fields a row lacks): whether no row can hold an output field
 * before the lookup. Only a tstats's rows are known: its by-fields and aggregations, carried
 * through the commands between as they rename and add fields.
 */
function outputsAreNew(first: Command, between: Command[], outputs: string[]): boolean {
  if (first.cmd !== 'tstats') return false;
  let names = rowNames(first);
  for (const c of between) {
    if (!names) return false;
    names = namesAfter(c, names);
  }
  return names !== undefined && outputs.every((o) => !names.has(o));
}

function rowNames(t: CommandNodes['tstats']): Set<string> | undefined {
  const names = new Set<string>(['_time', ...t.by]);
  for (const a of t.aggregations) {
    const n = aggregationName(a);
    if (n === undefined) return undefined;
    names.add(n);
  }
  return names;
}

/** Every name a row may have after a row-wise command, given the names it may have before; undefined when unknown. */
function namesAfter(c: Command, names: Set<string>): Set<string> | undefined {
  switch (c.cmd) {
    case 'rename':
      // Pairs apply in order, each to the names the previous ones left (rename.ts).
      return new Set(
        [...names].map((name) => {
          for (const r of c.renames) name = renameField(name, r.from, r.to) ?? name;
          return name;
        }),
      );
    case 'eval':
      return c.assignments.some((a) => /[{*]/.test(a.field)) ? undefined : new Set([...names, ...c.assignments.map((a) => a.field)]);
    case 'convert':
      return new Set([...names, ...c.conversions.flatMap((x) => (x.as && !x.field.includes('*') ? [x.as] : []))]);
    case 'fields':
    case 'where':
    case 'search':
      return names;
    default:
      return undefined;
  }
}

/** The fields a filter reads; undefined when it may read any (a bare term reads `_raw`) or does not depend on the row alone. */
function filterReads(c: Command): Set<string> | undefined {
  const fields = new Set<string>();
  if (c.cmd === 'search') return c.expr && searchFields(c.expr, fields) ? fields : undefined;
  if (c.cmd !== 'where') return undefined;
  let stable = true;
  walk(evalNode(c.expr), (n) => {
    if (n.kind !== 'eval') return;
    if (n.node.type === 'field') fields.add(n.node.name);
    if (n.node.type === 'call' && UNSTABLE_FUNCTIONS.has(n.node.name)) stable = false;
  });
  return stable ? fields : undefined;
}

/** Whether the engine's lookup then the filter drop `row` (a row whose key matches nothing). */
function dropsRow(lookup: Command, filter: Command, table: LookupTable, row: Event): boolean {
  const leading: Command = { cmd: 'search', name: 'search', raw: '', span: lookup.span, expr: null };
  const pipeline: Pipeline = { commands: [leading, lookup, filter], span: lookup.span };
  const source: EngineSource = {
    events: () => noRows(),
    datamodel: () => undefined,
    lookup: (name) => (name === (lookup as CommandNodes['lookup']).lookup ? table : undefined),
    now: 0,
  };
  try {
    const steps = streamingSteps(pipeline, 3, source);
    if (!steps) return false;
    const out: Event[] = [];
    applyMappers(
      steps.map((s) => s.map),
      row,
      0,
      out,
    );
    return out.length === 0;
  } catch {
    return false;
  }
}

async function* noRows(): AsyncIterable<Event> {}
