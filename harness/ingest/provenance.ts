/**
 * Where a field's values come from, as far as an event's raw text is concerned: the facts the
 * raw-text pre-filter (runner/prefilter.ts) needs to skip an event without extracting its fields.
 *
 * The source tables (`sources/`) and data models (`cim/`) are data in one small vocabulary
 * (`transforms.ts`), so their fields can be followed symbolically, phase by phase, exactly in the
 * order normalize.ts and datamodel.ts apply them. Each field ends with an `Origin`:
 * - `raw`: some values are text cut out of the event's raw text (a reader field, or a substring
 *   of one: basename, a regex group, a split part), possibly upper- or lower-cased;
 * - `constants`: literal values it can take (`"unknown"`, a lookup table's outputs);
 * - `opaque`: values built any other way (numbers, concatenations, replacements, event types,
 *   tags, the default fields), about which nothing can be said.
 * - `forms`: when every raw value is a whole value as the reader writes it (an XML element's
 *   text, an attribute), the ways it can be written (`ingest/types.ts` RawForm); a value cut out
 *   of one (basename, regex, ...) may be any text of the event, and has none.
 * Unions only ever grow an origin, so the analysis errs towards "could be anything".
 */

import type { Scalar } from '../common/event.js';
import { compileExpr, type Cond, type Expr } from './transforms.js';
import { sourceTablesFor } from './normalize.js';
import { datasetLineage } from './datamodel.js';
import { SOURCE_SPECS } from './sources/index.js';
import type { SourceSpec } from './sources/spec.js';
import { readerFor } from './read.js';
import type { RawForm } from './types.js';

export interface Origin {
  raw: boolean;
  constants: ReadonlySet<string>;
  opaque: boolean;
  /** Only with `raw`: every raw value is whole and written in one of these forms. */
  forms?: readonly RawForm[];
}

const NONE: Origin = { raw: false, constants: new Set(), opaque: false };
const RAW: Origin = { raw: true, constants: new Set(), opaque: false };
const OPAQUE: Origin = { raw: false, constants: new Set(), opaque: true };

/**
 * Fields a reader sets from the file's metadata or computes (`_time`, `linecount`), and the ones
 * normalisation derives from conditions (`eventtype`, `tag`): never text of the event.
 */
const SYNTHETIC_FIELDS = new Set([
  '_time',
  '_indextime',
  'source',
  'sourcetype',
  'host',
  'index',
  'linecount',
  'splunk_server',
  'punct',
  'eventtype',
  'tag',
  'nodename',
]);

export function union(...origins: Origin[]): Origin {
  const constants = new Set<string>();
  for (const o of origins) for (const c of o.constants) constants.add(c);
  const raws = origins.filter((o) => o.raw);
  const union: Origin = { raw: raws.length > 0, constants, opaque: origins.some((o) => o.opaque) };
  // Forms are known only when every raw branch knows them.
  if (raws.length > 0 && raws.every((o) => o.forms)) union.forms = distinctForms(raws.flatMap((o) => o.forms ?? []));
  return union;
}

function distinctForms(forms: RawForm[]): RawForm[] {
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = JSON.stringify(f);
    return !seen.has(key) && !!seen.add(key);
  });
}

function constant(value: Scalar): Origin {
  return { raw: false, constants: new Set([String(value)]), opaque: false };
}

/**
 * The origin of `expr`, a function whose result is text cut out of its argument (`expr[key]`):
 * text of the raw event stays so, and each constant goes through the function itself.
 */
function cutFrom(expr: Expr, key: string, arg: Origin): Origin {
  // A piece of a value is not written as the whole value is.
  if (arg.constants.size === 0) return { raw: arg.raw, constants: arg.constants, opaque: arg.opaque };
  const constants = new Set<string>();
  for (const c of arg.constants) {
    const value = compileExpr({ ...expr, [key]: { const: c } } as Expr, 'constant')({});
    for (const v of value === undefined ? [] : Array.isArray(value) ? value : [value]) constants.add(String(v));
  }
  return { raw: arg.raw, constants, opaque: arg.opaque };
}

const CUTTING = ['basename', 'dirname', 'userPart', 'domainPart', 'regex', 'regexAll', 'split', 'pick', 'trim'] as const;

/** The origin of an expression, given the origin of each field it reads. */
export function exprOrigin(expr: Expr, field: (name: string) => Origin): Origin {
  const of = (e: Expr) => exprOrigin(e, field);
  if ('field' in expr) return field(expr.field);
  if ('const' in expr) return constant(expr.const);
  if ('coalesce' in expr) return union(...expr.coalesce.map(of));
  if ('if' in expr) return union(of(expr.then), expr.else ? of(expr.else) : NONE);
  if ('lower' in expr) return caseChanged(of(expr.lower), (s) => s.toLowerCase());
  if ('upper' in expr) return caseChanged(of(expr.upper), (s) => s.toUpperCase());
  if ('map' in expr) {
    const outputs = [...Object.values(expr.table).flat(), ...(expr.default !== undefined ? [expr.default].flat() : [])];
    return union(...outputs.map(constant));
  }
  // Each of these returns part of its argument's text (or null).
  for (const key of CUTTING) if (key in expr) return cutFrom(expr, key, of((expr as Record<string, Expr>)[key]));
  if ('nullIf' in expr) return of(expr.nullIf);
  if ('mvIndex' in expr) return of(expr.mvIndex);
  if ('pairValue' in expr) return of(expr.pairValue.values);
  // concat, replace, numbers, counts, lengths, times, arithmetic: built, not cut out.
  return OPAQUE;
}

function caseChanged(o: Origin, change: (s: string) => string): Origin {
  return { ...o, constants: new Set([...o.constants].map(change)) };
}

/** Field origins accumulated phase by phase: a field not yet touched is whatever the reader gave. */
class Fields {
  private readonly set = new Map<string, Origin>();
  constructor(private readonly base: (name: string) => Origin) {}
  get = (name: string): Origin => this.set.get(name) ?? this.base(name);
  /** The field may now also hold `o` (a rule that may or may not apply, an OUTPUTNEW, an alias). */
  widen(name: string, o: Origin): void {
    this.set.set(name, union(this.get(name), o));
  }
}

/** Fields normalisation derives from conditions; an event may also carry them from its reader. */
const DERIVED_FIELDS = new Set(['eventtype', 'tag']);

/**
 * What an audited reader gives: text of the event for every field but the synthetic ones,
 * written as the reader of the sourcetype says when it says (`Reader.rawForms`). With
 * `carried`, `eventtype` and `tag` are what the reader itself gave, before any event type or tag
 * is added: text of the event like any other field.
 */
function readerOrigins(sourcetype: string, carried = false): (name: string) => Origin {
  const reader = readerFor(sourcetype);
  return (name) => {
    if ((SYNTHETIC_FIELDS.has(name) && !(carried && DERIVED_FIELDS.has(name))) || name.startsWith('tag::')) return OPAQUE;
    const forms = reader?.rawForms?.(name);
    return forms ? { ...RAW, forms } : RAW;
  };
}

/** The source tables normalize.ts applies to events of one sourcetype/source, in its order. */
function tablesOf(sourcetype: string, source: string): SourceSpec[] {
  const names = new Set(sourceTablesFor({ sourcetype, source }));
  return SOURCE_SPECS.filter((spec) => names.has(spec.name));
}

/**
 * Field origins after search-time extraction for events of one sourcetype/source, following the
 * source tables that apply in normalize.ts's phase order. Every rule may or may not apply to a
 * given event (its `when`), so each only widens what a field may hold. With `carried`,
 * `eventtype` and `tag` are the ones the event holds before the event-type phase (see
 * `sourceTagging`), not the derived ones.
 */
export function sourceFieldOrigins(sourcetype: string, source: string, carried = false): (field: string) => Origin {
  return memo(`source\u0000${sourcetype}\u0000${source}\u0000${carried}`, () => followSourceTables(sourcetype, source, carried));
}

/**
 * Origins depend only on the sourcetype, the source and the dataset, and every test of a run asks
 * for the same few (831 tests over two files: 0.8 s of planning before). Bounded like
 * normalize.ts's plans, since sources come from content.
 */
const MEMO_LIMIT = 4096;
const memos = new Map<string, unknown>();
function memo<T>(key: string, compute: () => T): T {
  if (memos.has(key)) return memos.get(key) as T;
  const value = compute();
  if (memos.size >= MEMO_LIMIT) memos.clear();
  memos.set(key, value);
  return value;
}

function followSourceTables(sourcetype: string, source: string, carried: boolean): (field: string) => Origin {
  const specs = tablesOf(sourcetype, source);
  const fields = new Fields(readerOrigins(sourcetype, carried));
  const applyRules = (rules: SourceSpec['extract']) => {
    // Rules of one phase read the event as it stood before the phase (evals do exactly that;
    // for extractions and lookups, which only fill empty fields, it changes nothing).
    const results = (rules ?? []).flatMap((r) => Object.entries(r.set).map(([name, expr]) => [name, exprOrigin(expr, fields.get)] as const));
    for (const [name, o] of results) fields.widen(name, o);
  };
  for (const s of specs) applyRules(s.extract);
  for (const s of specs) for (const rule of s.aliases ?? []) for (const [target, from] of Object.entries(rule.alias)) fields.widen(target, fields.get(from));
  for (const s of specs) applyRules(s.evals);
  for (const s of specs) applyRules(s.lookups);
  return fields.get;
}

/**
 * Field origins of a data model dataset's rows (`Endpoint.Processes`) for events of one
 * sourcetype/source, by the dataset's own field name (`process_name`, not
 * `Processes.process_name`); undefined when the dataset is unknown. Calculated fields run in
 * order, each seeing the ones before it, as datamodel.ts applies them.
 */
export function datamodelFieldOrigins(dataset: string, sourcetype: string, source: string): ((field: string) => Origin) | undefined {
  return memo(`dataset\u0000${dataset}\u0000${sourcetype}\u0000${source}`, () => followDataset(dataset, sourcetype, source));
}

function followDataset(dataset: string, sourcetype: string, source: string): ((field: string) => Origin) | undefined {
  const chain = datasetLineage(dataset);
  if (!chain) return undefined;
  const fields = sourceFieldOrigins(sourcetype, source);
  const calculated = new Map<string, Origin>();
  const get = (name: string): Origin => calculated.get(name) ?? fields(name);
  for (const ds of chain) {
    for (const [name, expr] of Object.entries(ds.calculated ?? {})) {
      // A calculated field replaces the value (a null result removes it).
      calculated.set(name, exprOrigin(expr, get));
    }
  }
  return get;
}

/**
 * How events of one sourcetype/source get their event types and tags (normalize.ts phases 5 and
 * 6), for the pre-filter to follow a data model's `tag=process` back to the event codes that give
 * it: the event types and field-value tags that may apply, in order, and the origins of the
 * fields they test. `eventtype` and `tag` in those origins are the ones the event already carried
 * (normalize.ts keeps them; a reader may give them): event-type searches and tag conditions see
 * those, the derived ones are written after.
 */
export interface Tagging {
  eventtypes: ReadonlyArray<{ name: string; search: Cond; tags: readonly string[] }>;
  tagRules: ReadonlyArray<{ when: Cond; tags: readonly string[] }>;
  fields: (field: string) => Origin;
}

export function sourceTagging(sourcetype: string, source: string): Tagging {
  return memo(`tagging\u0000${sourcetype}\u0000${source}`, () => followTagging(sourcetype, source));
}

function followTagging(sourcetype: string, source: string): Tagging {
  const specs = tablesOf(sourcetype, source);
  return {
    eventtypes: specs.flatMap((s) => (s.eventtypes ?? []).map((et) => ({ name: et.name, search: et.search, tags: et.tags ?? [] }))),
    tagRules: specs.flatMap((s) => s.tags ?? []),
    fields: sourceFieldOrigins(sourcetype, source, true),
  };
}
