/**
 * Search-time field extraction as Splunk's add-ons do it: for each event, the source tables
 * (`sources/`) whose source/sourcetype match are combined into one plan (cached per
 * source/sourcetype pair) and applied phase by phase: extractions, aliases, calculated fields,
 * lookups, event types, tags. Tables are compiled once at module load; per event there is no
 * regex construction and no table scan.
 */

import type { Event, FieldValue, Scalar } from '../common/event.js';
import { compileCond, compileExpr, isEmpty, wildcardTest, type Getter, type Predicate } from './transforms.js';
import { SOURCE_SPECS } from './sources/index.js';
import type { SourceSpec } from './sources/spec.js';

interface CompiledRule {
  when?: Predicate;
  fields: Array<[string, Getter]>;
}
interface CompiledAlias {
  when?: Predicate;
  pairs: Array<[string, string]>;
}
interface CompiledEventtype {
  name: string;
  test: Predicate;
  tags: string[];
}
interface CompiledTag {
  test: Predicate;
  tags: string[];
}

/** The search-time phases, in Splunk's order: extractions, aliases, calculated fields, lookups, eventtypes, tags. */
interface Phases {
  extract: CompiledRule[];
  aliases: CompiledAlias[];
  evals: CompiledRule[];
  lookups: CompiledRule[];
  eventtypes: CompiledEventtype[];
  tags: CompiledTag[];
}

interface CompiledSpec extends Phases {
  name: string;
  matches: (sourcetype: string, source: string) => boolean;
}

/** The combined work for one source/sourcetype pair. */
interface Plan extends Phases {
  specs: string[];
}

function compileRules(rules: SourceSpec['extract'], where: string): CompiledRule[] {
  return (rules ?? []).map((r, i) => ({
    when: r.when ? compileCond(r.when, `${where}[${i}].when`) : undefined,
    fields: Object.entries(r.set).map(([name, expr]) => [name, compileExpr(expr, `${where}[${i}].${name}`)] as [string, Getter]),
  }));
}

function compilePatterns(patterns: string[] | undefined): ((value: string) => boolean) | undefined {
  if (!patterns || patterns.length === 0) return undefined;
  const tests = patterns.map((p) => wildcardTest(p));
  return (v) => tests.some((t) => t(v));
}

export function compileSpec(spec: SourceSpec): CompiledSpec {
  const where = `source table ${spec.name}`;
  const alternatives = (Array.isArray(spec.match) ? spec.match : [spec.match]).map((m, i) => {
    const st = compilePatterns(m.sourcetype);
    const src = compilePatterns(m.source);
    if (!st && !src) throw new Error(`${where}: match[${i}] needs a sourcetype or a source`);
    return (sourcetype: string, source: string) => (!st || st(sourcetype)) && (!src || src(source));
  });
  return {
    name: spec.name,
    matches: (sourcetype, source) => alternatives.some((m) => m(sourcetype, source)),
    extract: compileRules(spec.extract, `${where} extract`),
    aliases: (spec.aliases ?? []).map((r, i) => ({
      when: r.when ? compileCond(r.when, `${where} aliases[${i}]`) : undefined,
      pairs: Object.entries(r.alias),
    })),
    evals: compileRules(spec.evals, `${where} evals`),
    lookups: compileRules(spec.lookups, `${where} lookups`),
    eventtypes: (spec.eventtypes ?? []).map((et) => ({
      name: et.name,
      test: compileCond(et.search, `${where} eventtype ${et.name}`),
      tags: et.tags ?? [],
    })),
    tags: (spec.tags ?? []).map((t, i) => ({ test: compileCond(t.when, `${where} tags[${i}]`), tags: t.tags })),
  };
}

/** Events this module produced, so later stages do not normalize twice. */
const NORMALIZED = new WeakSet<Event>();

/** True when the event is an output of a normalizer. */
export function isNormalized(event: Event): boolean {
  return NORMALIZED.has(event);
}

const text = (v: FieldValue | undefined): string => (v === undefined ? '' : Array.isArray(v) ? String(v[0] ?? '') : String(v));

function asList(v: FieldValue | undefined): Scalar[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function multi(values: Scalar[]): FieldValue {
  return values.length === 1 ? values[0] : values;
}

export interface Normalizer {
  /** The event with add-on fields, `eventtype` and `tag` added; the input is not modified. */
  normalizeEvent(event: Event): Event;
  /** The same, adding the fields to the event itself (one that nothing else holds). */
  normalizeInPlace(event: Event): Event;
  /** Names of the source tables that apply to a sourcetype/source pair. */
  tablesFor(sourcetype: string, source: string): string[];
}

const PLAN_CACHE_LIMIT = 4096;

/** A normalizer over the given source tables (compiled once, here). */
export function createNormalizer(specs: readonly SourceSpec[]): Normalizer {
  const compiled = specs.map(compileSpec);
  const plans = new Map<string, Plan>();

  const planFor = (sourcetype: string, source: string): Plan => {
    const key = sourcetype + '\u0000' + source;
    let plan = plans.get(key);
    if (plan) return plan;
    const matching = compiled.filter((s) => s.matches(sourcetype, source));
    plan = {
      specs: matching.map((s) => s.name),
      extract: matching.flatMap((s) => s.extract),
      aliases: matching.flatMap((s) => s.aliases),
      evals: matching.flatMap((s) => s.evals),
      lookups: matching.flatMap((s) => s.lookups),
      eventtypes: matching.flatMap((s) => s.eventtypes),
      tags: matching.flatMap((s) => s.tags),
    };
    if (plans.size >= PLAN_CACHE_LIMIT) plans.clear();
    plans.set(key, plan);
    return plan;
  };

  return {
    normalizeEvent: (event) => applyPlan(planFor(text(event.sourcetype), text(event.source)), { ...event }),
    normalizeInPlace: (event) => applyPlan(planFor(text(event.sourcetype), text(event.source)), event),
    tablesFor: (sourcetype, source) => planFor(sourcetype, source).specs,
  };
}

/** Scratch space for the calculated-field phase of applyPlan (synchronous, so one set serves all calls). */
const evalNames: string[] = [];
const evalValues: Array<FieldValue | undefined> = [];

/** Adds the plan's fields to `out` (the event itself, or a copy the caller made). */
function applyPlan(plan: Plan, out: Event): Event {
  NORMALIZED.add(out);
  if (plan.specs.length === 0) return out;

  // 1. Extractions: the first one to produce a field wins.
  for (const rule of plan.extract) {
    if (rule.when && !rule.when(out)) continue;
    for (const [name, get] of rule.fields) {
      if (!isEmpty(out[name])) continue;
      const v = get(out);
      if (!isEmpty(v)) out[name] = v;
    }
  }

  // 2. Field aliases: copy when the source has a value.
  for (const rule of plan.aliases) {
    if (rule.when && !rule.when(out)) continue;
    for (const [target, from] of rule.pairs) {
      const v = out[from];
      if (!isEmpty(v)) out[target] = v;
    }
  }

  // 3. Calculated fields: all read the same input, then all are written (later tables win).
  // A null result removes the field; `delete` only runs when the field is there, since it
  // makes V8 slow down every later access to the object.
  if (plan.evals.length > 0) {
    // Results go to two arrays reused across events (no Map per event); written in order, a
    // later table's value for a name overwrites an earlier one's, as Map.set would.
    let n = 0;
    for (const rule of plan.evals) {
      if (rule.when && !rule.when(out)) continue;
      for (const [name, get] of rule.fields) {
        evalNames[n] = name;
        evalValues[n++] = get(out);
      }
    }
    for (let i = 0; i < n; i++) {
      const name = evalNames[i];
      const v = evalValues[i];
      evalValues[i] = undefined; // hold no event value past this call
      if (v !== undefined) out[name] = v;
      else if (out[name] !== undefined) delete out[name];
    }
  }

  // 4. Lookups (OUTPUTNEW): only fields still empty.
  for (const rule of plan.lookups) {
    if (rule.when && !rule.when(out)) continue;
    for (const [name, get] of rule.fields) {
      if (!isEmpty(out[name])) continue;
      const v = get(out);
      if (!isEmpty(v)) out[name] = v;
    }
  }

  // 5. Event types, in order, so a later one can test `eventtype=` an earlier one.
  const eventtypes: string[] = [];
  const tags = new Set<string>();
  // Tags an event already carries (e.g. summary-indexed events) are kept.
  for (const t of asList(out.tag)) tags.add(String(t));
  for (const et of plan.eventtypes) {
    if (!et.test(out)) continue;
    eventtypes.push(et.name);
    out.eventtype = eventtypes.length === 1 ? eventtypes[0] : [...eventtypes];
    for (const t of et.tags) tags.add(t);
  }

  // 6. Tags on field values.
  for (const ft of plan.tags) if (ft.test(out)) for (const t of ft.tags) tags.add(t);

  if (eventtypes.length > 0) out.eventtype = multi(eventtypes.sort());
  if (tags.size > 0) out.tag = multi([...tags].sort());
  return out;
}

const DEFAULT = createNormalizer(SOURCE_SPECS);

/** The names of the source tables that apply to an event (for tests and `explain`). */
export function sourceTablesFor(event: Event): string[] {
  return DEFAULT.tablesFor(text(event.sourcetype), text(event.source));
}

/** True when some source table applies to this sourcetype (and source, when given). */
export function hasSourceTable(sourcetype: string, source = ''): boolean {
  return DEFAULT.tablesFor(sourcetype, source).length > 0;
}

/** Every sourcetype pattern named in the source tables. */
export function sourceTableSourcetypes(): string[] {
  const out = new Set<string>();
  for (const s of SOURCE_SPECS) for (const m of Array.isArray(s.match) ? s.match : [s.match]) for (const st of m.sourcetype ?? []) out.add(st);
  return [...out].sort();
}

/**
 * The event with the add-on fields, `eventtype` and `tag` added. The input is not modified.
 * `eventtype` and `tag` are multivalue (sorted, like Splunk shows them) and absent when empty.
 */
export function normalizeEvent(event: Event): Event {
  return DEFAULT.normalizeEvent(event);
}

/** `normalizeEvent` over a stream. */
export async function* normalizeStream(events: AsyncIterable<Event>): AsyncIterable<Event> {
  for await (const e of events) yield normalizeEvent(e);
}

/**
 * `normalizeStream` for events that nothing else holds, such as a reader's output: the fields
 * are added to each event itself, saving a copy of every event.
 */
export async function* normalizeFresh(events: AsyncIterable<Event>): AsyncIterable<Event> {
  for await (const e of events) yield DEFAULT.normalizeInPlace(e);
}
