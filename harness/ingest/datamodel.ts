/**
 * CIM data model datasets over a stream of events, as `tstats` and `| from datamodel` see them.
 *
 * A dataset's events are the events that meet its root's constraint, then (after the root's
 * calculated fields) each descendant's constraint down to it, each level adding its calculated
 * fields. Each emitted event carries the dataset's fields named after the lineage of the dataset
 * that defines them (`Processes.process_name`, `All_Traffic.dest`,
 * `All_Changes.Instance_Changes.image_id`), plus `_time`, `source`, `sourcetype`, `host`,
 * `index`, and `nodename` (every dataset lineage the event belongs to, for
 * `where nodename=Authentication.Failed_Authentication`).
 */

import type { Event } from '../common/event.js';
import { DATA_MODELS } from './cim/index.js';
import type { DataModelSpec, DatasetSpec } from './cim/spec.js';
import { hasSourceTable, isNormalized, normalizeEvent, sourceTableSourcetypes } from './normalize.js';
import { compileCond, compileExpr, fieldsRead, type Getter, type Predicate } from './transforms.js';

interface CompiledDataset {
  /** The dataset as written in cim/. */
  spec: DatasetSpec;
  /** Fields the constraint and calculated fields read. */
  reads: Set<string>;
  model: string;
  name: string;
  /** Dotted lineage within the model, e.g. `All_Traffic.Traffic_By_Action.Blocked_Traffic`. */
  lineage: string;
  parent?: CompiledDataset;
  children: CompiledDataset[];
  constraint: Predicate;
  /** What the constraint reads. */
  constraintReads: Set<string>;
  calculated: Array<[string, Getter]>;
  /** What each calculated field reads (same order). */
  calculatedReads: Array<Set<string>>;
  /** This dataset's own fields with their output names. */
  ownFields: Array<[string, string]>;
}

/** The fields every dataset carries unprefixed. */
const BASE_FIELDS = ['_time', 'source', 'sourcetype', 'host', 'index'];

function compileModel(model: DataModelSpec): CompiledDataset[] {
  const byName = new Map<string, DatasetSpec>(model.datasets.map((d) => [d.name, d]));
  const compiled = new Map<string, CompiledDataset>();
  const build = (spec: DatasetSpec): CompiledDataset => {
    const done = compiled.get(spec.name);
    if (done) return done;
    let parent: CompiledDataset | undefined;
    if (spec.parent) {
      const p = byName.get(spec.parent);
      if (!p) throw new Error(`data model ${model.model}: dataset ${spec.name} names unknown parent ${spec.parent}`);
      parent = build(p);
    }
    const lineage = parent ? `${parent.lineage}.${spec.name}` : spec.name;
    const where = `data model ${model.model}.${spec.name}`;
    const reads = fieldsRead(spec.constraint);
    for (const expr of Object.values(spec.calculated ?? {})) fieldsRead(expr, reads);
    const ds: CompiledDataset = {
      spec,
      reads,
      model: model.model,
      name: spec.name,
      lineage,
      parent,
      children: [],
      constraint: compileCond(spec.constraint, `${where} constraint`),
      constraintReads: fieldsRead(spec.constraint),
      calculated: Object.entries(spec.calculated ?? {}).map(([field, expr]) => [field, compileExpr(expr, `${where}.${field}`)]),
      calculatedReads: Object.values(spec.calculated ?? {}).map((expr) => fieldsRead(expr)),
      ownFields: spec.fields.map((field) => [field, `${lineage}.${field}`]),
    };
    parent?.children.push(ds);
    compiled.set(spec.name, ds);
    return ds;
  };
  return model.datasets.map(build);
}

const DATASETS: CompiledDataset[] = DATA_MODELS.flatMap(compileModel);

/** `Model.Dataset`, `Model.Lineage.Of.Dataset`, or a model name with one root dataset. */
function resolve(dataset: string): CompiledDataset | undefined {
  const parts = dataset.split('.');
  const model = parts[0].toLowerCase();
  const inModel = DATASETS.filter((d) => d.model.toLowerCase() === model);
  if (inModel.length === 0) return undefined;
  if (parts.length === 1) {
    const roots = inModel.filter((d) => !d.parent);
    return roots.length === 1 ? roots[0] : undefined;
  }
  const rest = parts.slice(1).join('.').toLowerCase();
  return inModel.find((d) => d.lineage.toLowerCase() === rest) ?? inModel.find((d) => d.name.toLowerCase() === parts[parts.length - 1].toLowerCase());
}

function chain(ds: CompiledDataset): CompiledDataset[] {
  const out: CompiledDataset[] = [];
  for (let d: CompiledDataset | undefined = ds; d; d = d.parent) out.unshift(d);
  return out;
}

/** One level of a view's lineage: its constraint and the calculated fields the view keeps. */
interface Level {
  constraint: Predicate;
  calculated: Array<[string, Getter]>;
}

/** What projecting onto one dataset needs, computed once per dataset name (and set of row fields). */
interface View {
  lineage: CompiledDataset[];
  levels: Level[];
  /** Whether rows carry `nodename`: the descendants' constraints are tested. */
  nodes: boolean;
  /** [event field, output name] for every field of the dataset and its ancestors. */
  fields: Array<[string, string]>;
  /** Every event field the projection reads: copied into a small working record per event. */
  reads: string[];
  /**
   * The working record of an event: one object literal with the `reads` fields, compiled once
   * per view, so it is one allocation with one fixed shape. Filling an empty object field by
   * field went through a megamorphic keyed store per field, the largest cost of the projection.
   */
  work: (event: Event) => Event;
  /** The output row from the working record (defined, non-empty values under their output names), compiled likewise. */
  row: (work: Event) => Event;
}

/**
 * Compiled per view (see View.work/row). Field names enter the code only as JSON string
 * literals, so no name can change its meaning; `__proto__` (never a CIM field) would set the
 * prototype in a literal and is read by the loop-based fallback instead.
 */
function compileWork(reads: string[]): (event: Event) => Event {
  if (reads.includes('__proto__')) {
    return (event) => {
      const work: Event = {};
      for (const f of reads) work[f] = event[f];
      return work;
    };
  }
  const J = JSON.stringify;
  return new Function('e', `return { ${reads.map((f) => `${J(f)}: e[${J(f)}]`).join(', ')} };`) as (event: Event) => Event;
}

function compileRow(fields: Array<[string, string]>): (work: Event) => Event {
  const J = JSON.stringify;
  const lines = ['const o = {};', 'let v;'];
  for (const f of BASE_FIELDS) lines.push(`v = w[${J(f)}]; if (v !== undefined) o[${J(f)}] = v;`);
  for (const [field, name] of fields) lines.push(`v = w[${J(field)}]; if (v !== undefined && v !== '') o[${J(name)}] = v;`);
  lines.push('return o;');
  return new Function('w', lines.join('\n')) as (work: Event) => Event;
}

const views = new Map<string, View | undefined>();

function viewOf(dataset: string): View | undefined {
  if (views.has(dataset)) return views.get(dataset);
  const ds = resolve(dataset);
  let view: View | undefined;
  if (ds) {
    const lineage = chain(ds);
    const fields = lineage.flatMap((d) => d.ownFields);
    const reads = new Set<string>(BASE_FIELDS);
    for (const [field] of fields) reads.add(field);
    const addReads = (d: CompiledDataset) => {
      for (const f of d.reads) reads.add(f);
      d.children.forEach(addReads);
    };
    lineage.forEach((d) => d.reads.forEach((f) => reads.add(f)));
    addReads(ds);
    const list = [...reads];
    const levels = lineage.map((d) => ({ constraint: d.constraint, calculated: d.calculated }));
    view = { lineage, levels, nodes: true, fields, reads: list, work: compileWork(list), row: compileRow(fields) };
  }
  views.set(dataset, view);
  return view;
}

/**
 * The part of a dataset's view that gives the row fields `wanted` (tstats names: `_time`,
 * `Processes.process_name`, `nodename`): those fields, and the calculated fields they and the
 * constraints read, until nothing is added. Every calculated field writing a field read is kept,
 * so each kept one sees what it saw in the whole view, and the wanted fields come out the same.
 */
function prunedView(full: View, wanted: ReadonlySet<string>): View {
  const fields = full.fields.filter(([, name]) => wanted.has(name));
  const need = new Set<string>(BASE_FIELDS);
  for (const [field] of fields) need.add(field);
  for (const d of full.lineage) d.constraintReads.forEach((f) => need.add(f));
  const nodes = wanted.has('nodename');
  const addBelow = (d: CompiledDataset) => {
    d.reads.forEach((f) => need.add(f));
    d.children.forEach(addBelow);
  };
  if (nodes) full.lineage[full.lineage.length - 1].children.forEach(addBelow);
  for (let size = -1; size !== need.size;) {
    size = need.size;
    for (const d of full.lineage) d.calculated.forEach(([field], i) => need.has(field) && d.calculatedReads[i].forEach((f) => need.add(f)));
  }
  const levels = full.lineage.map((d) => ({ constraint: d.constraint, calculated: d.calculated.filter(([field]) => need.has(field)) }));
  const list = [...need];
  return { lineage: full.lineage, levels, nodes, fields, reads: list, work: compileWork(list), row: compileRow(fields) };
}

/** Pruned views by dataset and wanted fields: each scan asks again, and a view compiled once stays warm. */
const prunedViews = new Map<string, View>();
const PRUNED_VIEWS_KEPT = 256;

function prunedViewOf(dataset: string, full: View, wanted: ReadonlySet<string>): View {
  const key = `${dataset}\u0000${[...wanted].sort().join('\u0000')}`;
  let view = prunedViews.get(key);
  if (!view) {
    if (prunedViews.size >= PRUNED_VIEWS_KEPT) prunedViews.clear();
    prunedViews.set(key, (view = prunedView(full, wanted)));
  }
  return view;
}

/**
 * A dataset's rows as a function of a normalised event (undefined: the event does not belong),
 * and the event fields they are made from; with `wanted`, rows hold only those fields (and
 * `source`, `sourcetype`, `host`, `index`), made from fewer event fields. Undefined when the
 * dataset is not supported.
 */
export function datasetProjection(
  dataset: string,
  wanted?: ReadonlySet<string>,
): { project: (event: Event) => Event | undefined; reads: readonly string[] } | undefined {
  const full = viewOf(dataset);
  if (!full) return undefined;
  const view = wanted ? prunedViewOf(dataset, full, wanted) : full;
  return { project: (event) => project(view, event), reads: view.reads };
}

/** Calculated fields are written onto the working record, in order. */
function applyCalculated(calculated: Array<[string, Getter]>, work: Event): void {
  for (const [field, get] of calculated) work[field] = get(work);
}

/** The lineages of `ds`'s descendants that the (calculated) event also belongs to. */
function descendantNodes(ds: CompiledDataset, event: Event, out: string[]): void {
  for (const child of ds.children) {
    if (!child.constraint(event)) continue;
    const copy: Event = { ...event };
    applyCalculated(child.calculated, copy);
    out.push(child.lineage);
    descendantNodes(child, copy, out);
  }
}

/**
 * The dataset's view of one event, or undefined when the event does not belong. The event should
 * already be normalized (add-on fields, eventtype, tag); one that is not is normalized here.
 */
export function datamodelEvent(dataset: string, event: Event): Event | undefined {
  const view = viewOf(dataset);
  return view ? project(view, isNormalized(event) ? event : normalizeEvent(event)) : undefined;
}

function project(view: View, event: Event): Event | undefined {
  // A small working record with just the fields the dataset reads, always in the same order so
  // it keeps one shape; calculated fields are written onto it, nulls as undefined.
  const work = view.work(event);
  for (const level of view.levels) {
    if (!level.constraint(work)) return undefined;
    applyCalculated(level.calculated, work);
  }
  const out = view.row(work);
  if (!view.nodes) return out;
  const target = view.lineage[view.lineage.length - 1];
  const nodes: string[] = view.lineage.map((d) => d.lineage);
  descendantNodes(target, work, nodes);
  out.nodename = nodes.length === 1 ? nodes[0] : nodes;
  return out;
}

/**
 * The events of a CIM dataset such as `Endpoint.Processes`, or undefined when the dataset is not
 * supported. Input events may be raw reader events or already normalized ones.
 */
export function datamodelEvents(dataset: string, events: AsyncIterable<Event>): AsyncIterable<Event> | undefined {
  const view = viewOf(dataset);
  if (!view) return undefined;
  return (async function* () {
    for await (const e of events) {
      const row = project(view, isNormalized(e) ? e : normalizeEvent(e));
      if (row) yield row;
    }
  })();
}

/**
 * The definitions a dataset's events go through, root first (`Endpoint.Processes` → [Processes]),
 * resolved as tstats resolves the name; undefined when unsupported.
 */
export function datasetLineage(dataset: string): DatasetSpec[] | undefined {
  const ds = resolve(dataset);
  return ds && chain(ds).map((d) => d.spec);
}

/**
 * Every data model dataset an event belongs to, as `Model.Lineage` (`Endpoint.Processes`,
 * `Authentication.Authentication.Failed_Authentication`): what the event was mapped to, for a
 * hint when a search reads a dataset the test's events never reach.
 */
export function datasetsOf(event: Event): string[] {
  const normalized = isNormalized(event) ? event : normalizeEvent(event);
  const out: string[] = [];
  for (const root of DATASETS) {
    if (root.parent) continue;
    const row = project(viewOf(`${root.model}.${root.name}`)!, normalized);
    if (!row) continue;
    const nodes = Array.isArray(row.nodename) ? row.nodename : [row.nodename];
    for (const n of nodes) out.push(`${root.model}.${String(n)}`);
  }
  return out;
}

/** Every dataset as `Model.Dataset` (children by their own name too, e.g. `Authentication.Failed_Authentication`). */
export function supportedDatamodels(): string[] {
  return DATASETS.map((d) => `${d.model}.${d.name}`);
}

/** The fields (as tstats names them) of a dataset, or undefined when unsupported. */
export function datamodelFields(dataset: string): string[] | undefined {
  const view = viewOf(dataset);
  return view ? [...BASE_FIELDS, ...view.fields.map(([, name]) => name)] : undefined;
}

/**
 * Sourcetypes (lower case) that have source tables: the add-on fields exist for their events.
 * An entry ending in `*` is a pattern (`wineventlog:*`); `isSourcetypeSupported` applies them.
 */
export function supportedSourcetypes(): string[] {
  return [...new Set(sourceTableSourcetypes().map((s) => s.toLowerCase()))].sort();
}

/** True when a sourcetype (any case) has a source table. */
export function isSourcetypeSupported(sourcetype: string): boolean {
  return hasSourceTable(sourcetype);
}
