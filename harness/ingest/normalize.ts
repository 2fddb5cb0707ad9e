/**
 * Search-time field extraction as Splunk's add-ons do it: for each event, the source tables
 * (`sources/`) whose source/sourcetype match are combined into one plan (cached per
 * source/sourcetype pair) and applied phase by phase: extractions, aliases, calculated fields,
 * lookups, event types, tags. Tables are compiled once at module load; per event there is no
 * regex construction and no table scan.
 */

import type { Event, FieldValue, Scalar } from '../common/event.js';
import { compileCond, compileExpr, fieldsRead, isEmpty, wildcardTest, type Getter, type Predicate } from './transforms.js';
import { SOURCE_SPECS } from './sources/index.js';
import type { SourceSpec } from './sources/spec.js';

interface CompiledRule {
  when?: Predicate;
  fields: Array<[string, Getter]>;
  /** What `when` reads, and what each of `fields` reads (same order): for pruneFor. */
  whenReads: ReadonlySet<string>;
  fieldReads: ReadonlyArray<ReadonlySet<string>>;
}
interface CompiledAlias {
  when?: Predicate;
  pairs: Array<[string, string]>;
  whenReads: ReadonlySet<string>;
}
interface CompiledEventtype {
  name: string;
  test: Predicate;
  tags: string[];
  reads: ReadonlySet<string>;
}
interface CompiledTag {
  test: Predicate;
  tags: string[];
  reads: ReadonlySet<string>;
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
  /** The fields the tag phases read, when their outcome is memoised (tagPhases). */
  tagKey?: string[];
  tagMemo?: Map<string, { eventtype?: FieldValue; tag?: FieldValue }>;
  /** Pruned without `tag` and `eventtype` (pruneFor): the tag phases do not run. */
  untagged?: boolean;
  /** Pruned: every field the kept rules and the demand read (pruneFor's closure). */
  reads?: ReadonlySet<string>;
}

const NOTHING: ReadonlySet<string> = new Set();

function compileRules(rules: SourceSpec['extract'], where: string): CompiledRule[] {
  return (rules ?? []).map((r, i) => ({
    when: r.when ? compileCond(r.when, `${where}[${i}].when`) : undefined,
    fields: Object.entries(r.set).map(([name, expr]) => [name, compileExpr(expr, `${where}[${i}].${name}`)] as [string, Getter]),
    whenReads: r.when ? fieldsRead(r.when) : NOTHING,
    fieldReads: Object.values(r.set).map((expr) => fieldsRead(expr)),
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
      whenReads: r.when ? fieldsRead(r.when) : NOTHING,
    })),
    evals: compileRules(spec.evals, `${where} evals`),
    lookups: compileRules(spec.lookups, `${where} lookups`),
    eventtypes: (spec.eventtypes ?? []).map((et) => ({
      name: et.name,
      test: compileCond(et.search, `${where} eventtype ${et.name}`),
      tags: et.tags ?? [],
      reads: fieldsRead(et.search),
    })),
    tags: (spec.tags ?? []).map((t, i) => ({ test: compileCond(t.when, `${where} tags[${i}]`), tags: t.tags, reads: fieldsRead(t.when) })),
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
  /**
   * The same, adding the fields to the event itself (one that nothing else holds); with a demand,
   * only the fields it names and what they are computed from (pruneFor).
   */
  normalizeInPlace(event: Event, demand?: FieldDemand): Event;
  /** Names of the source tables that apply to a sourcetype/source pair. */
  tablesFor(sourcetype: string, source: string): string[];
  /** Every field that normalising such events for `demand` reads: what a reader must give (ReadOptions.fields). */
  readsFor(sourcetype: string, source: string, demand: FieldDemand): ReadonlySet<string>;
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
    plan.tagKey = tagKeyOf(plan);
    if (plans.size >= PLAN_CACHE_LIMIT) plans.clear();
    plans.set(key, plan);
    return plan;
  };

  // The pruned plans of each demand, by source/sourcetype pair: a demand is made once per scan, so
  // its identity keys the cache and no per-event key names its fields.
  const pruned = new WeakMap<FieldDemand, Map<string, Plan>>();
  const prunedFor = (sourcetype: string, source: string, demand: FieldDemand): Plan => {
    let byPair = pruned.get(demand);
    if (!byPair) pruned.set(demand, (byPair = new Map()));
    const key = sourcetype + '\u0000' + source;
    let plan = byPair.get(key);
    if (!plan) {
      if (byPair.size >= PLAN_CACHE_LIMIT) byPair.clear();
      byPair.set(key, (plan = pruneFor(planFor(sourcetype, source), demand.fields)));
    }
    return plan;
  };

  return {
    normalizeEvent: (event) => applyPlan(planFor(text(event.sourcetype), text(event.source)), { ...event }),
    normalizeInPlace: (event, demand) =>
      applyPlan(demand ? prunedFor(text(event.sourcetype), text(event.source), demand) : planFor(text(event.sourcetype), text(event.source)), event),
    tablesFor: (sourcetype, source) => planFor(sourcetype, source).specs,
    readsFor: (sourcetype, source, demand) => prunedFor(sourcetype, source, demand).reads!,
  };
}

/**
 * The fields a consumer of normalised events reads (a data-model view reads its datasets' fields
 * and the fields their constraints and calculations read). Made once and reused: its identity
 * keys the pruned plans.
 */
export interface FieldDemand {
  readonly fields: ReadonlySet<string>;
}

export function fieldDemand(fields: Iterable<string>): FieldDemand {
  return { fields: new Set(fields) };
}

/**
 * The part of a plan that computes the `wanted` fields: every rule writing a wanted field, and
 * then every field such a rule reads is wanted too, until nothing is added. A kept rule writing
 * a field keeps every rule that writes it, in every phase, so each kept rule reads the values it
 * read in the whole plan and computes the same result: the wanted fields come out as the whole
 * plan makes them. `tag` and `eventtype` keep both tag phases (event types add tags, tag rules
 * read `eventtype`). Nothing else of the event changes (rules only add, and a field no rule
 * keeps is left as the reader gave it), so what is not wanted may differ from the whole plan's.
 */
function pruneFor(plan: Plan, wanted: ReadonlySet<string>): Plan {
  const live = new Set(wanted);
  const want = (reads: ReadonlySet<string>) => reads.forEach((f) => live.add(f));
  for (let size = -1; size !== live.size;) {
    size = live.size;
    for (const rule of [...plan.extract, ...plan.evals, ...plan.lookups])
      rule.fields.forEach(([name], i) => {
        if (!live.has(name)) return;
        want(rule.whenReads);
        want(rule.fieldReads[i]);
      });
    for (const rule of plan.aliases)
      for (const [target, from] of rule.pairs)
        if (live.has(target)) {
          want(rule.whenReads);
          live.add(from);
        }
    if (live.has('tag') || live.has('eventtype')) {
      live.add('tag').add('eventtype');
      for (const et of plan.eventtypes) want(et.reads);
      for (const t of plan.tags) want(t.reads);
    }
  }
  const rules = (list: CompiledRule[]) =>
    list.flatMap((rule): CompiledRule[] => {
      const keep = rule.fields.map(([name]) => live.has(name));
      if (!keep.includes(true)) return [];
      return [{ ...rule, fields: rule.fields.filter((_, i) => keep[i]), fieldReads: rule.fieldReads.filter((_, i) => keep[i]) }];
    });
  return {
    specs: plan.specs,
    extract: rules(plan.extract),
    aliases: plan.aliases.flatMap((rule) => {
      const pairs = rule.pairs.filter(([target]) => live.has(target));
      return pairs.length ? [{ ...rule, pairs }] : [];
    }),
    evals: rules(plan.evals),
    lookups: rules(plan.lookups),
    eventtypes: plan.eventtypes,
    tags: plan.tags,
    tagKey: plan.tagKey,
    untagged: !live.has('tag'),
    reads: live,
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

  if (!plan.untagged) tagPhases(plan, out);
  return out;
}

/**
 * Most events of a source get the same event types and tags, and those depend only on the
 * fields the event type searches and tag rules read (with the tags and event types an event
 * carries): for a plan whose conditions read a few fields and not `_raw`, the outcome is kept
 * per combination of their values (up to TAG_MEMO_LIMIT combinations).
 */
function tagPhases(plan: Plan, out: Event): void {
  const key = plan.tagKey && memoKey(plan.tagKey, out);
  if (key === undefined) return void tagPhasesOf(plan, out);
  const memo = (plan.tagMemo ??= new Map());
  const known = memo.get(key);
  if (known) {
    // Copies: nothing else may share an event's multivalues.
    if (known.eventtype !== undefined) out.eventtype = copyOf(known.eventtype);
    if (known.tag !== undefined) out.tag = copyOf(known.tag);
    return;
  }
  if (memo.size >= TAG_MEMO_LIMIT) memo.clear();
  const outcome = tagPhasesOf(plan, out);
  memo.set(key, { eventtype: outcome.eventtype ? copyOf(out.eventtype!) : undefined, tag: outcome.tag ? copyOf(out.tag!) : undefined });
}

const TAG_MEMO_LIMIT = 4096;
/** Conditions reading more fields than this are not memoised (the key would cost what it saves). */
const TAG_KEY_MOST = 12;

const copyOf = (v: FieldValue): FieldValue => (Array.isArray(v) ? v.slice() : v);

/** The fields the tag phases read, when they can be memoised. */
function tagKeyOf(plan: Pick<Plan, 'eventtypes' | 'tags'>): string[] | undefined {
  const reads = new Set<string>(['tag', 'eventtype']);
  for (const et of plan.eventtypes) et.reads.forEach((f) => reads.add(f));
  for (const t of plan.tags) t.reads.forEach((f) => reads.add(f));
  return reads.has('_raw') || reads.size > TAG_KEY_MOST ? undefined : [...reads];
}

/** The values of `fields`, typed and separated so that different values give different keys; undefined for a value holding a separator. */
function memoKey(fields: readonly string[], event: Event): string | undefined {
  let key = '';
  for (const f of fields) {
    const v = event[f];
    if (v === undefined) key += '\u0000u';
    else if (!Array.isArray(v)) {
      if (typeof v === 'string' && v.includes('\u0000')) return undefined;
      key += (typeof v === 'string' ? '\u0000s' : '\u0000' + typeof v) + v;
    } else return undefined;
  }
  return key;
}

/** Steps 5 and 6: event types, then tags; which of the two it wrote. */
function tagPhasesOf(plan: Plan, out: Event): { eventtype: boolean; tag: boolean } {
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
  return { eventtype: eventtypes.length > 0, tag: tags.size > 0 };
}

const DEFAULT = createNormalizer(SOURCE_SPECS);

/** The names of the source tables that apply to an event (for tests and `explain`). */
export function sourceTablesFor(event: Event): string[] {
  return DEFAULT.tablesFor(text(event.sourcetype), text(event.source));
}

/** The fields a reader must give for events of `meta` to be normalised for `demand`. */
export function readerFields(meta: { sourcetype: string; source: string }, demand: FieldDemand): ReadonlySet<string> {
  return DEFAULT.readsFor(meta.sourcetype, meta.source, demand);
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
export async function* normalizeFresh(events: AsyncIterable<Event>, demand?: FieldDemand): AsyncIterable<Event> {
  for await (const e of events) yield DEFAULT.normalizeInPlace(e, demand);
}
