/**
 * Fast event construction for readers that extract many fields per event (XML event logs carry
 * 30-50). Adding fields one by one to an empty object walks V8's hidden-class transitions once
 * per field through a megamorphic keyed store, and that was the largest single cost of the XML
 * reader. Events of one kind (say Sysmon EventID 1) have the same field names in the same order,
 * so a reader collects names and values into a FieldList, and `buildEvent` creates the object
 * from a constructor compiled once per distinct name sequence: one allocation with a fixed
 * shape. Repeated names become multivalue fields (Splunk's MV_ADD) in that constructor too.
 */
import type { Event } from '../../common/event.js';
import type { DatasetMeta } from '../types.js';
import { countNewlines } from '../lines.js';

/** Names and values of the fields extracted from one event, in extraction order. */
export class FieldList {
  names: string[] = [];
  values: string[] = [];
  /** A cheap running hash of the names, to find the shape without joining them into a key. */
  hash = 0;
  /** The only fields wanted (ReadOptions.fields), for readers that can skip the others; undefined: all. */
  only: ReadonlySet<string> | undefined = undefined;

  wants(name: string): boolean {
    return this.only === undefined || this.only.has(name);
  }

  /** Add one value; empty values are dropped (KEEP_EMPTY_VALS defaults to false). */
  add(name: string, value: string): void {
    if (value.length === 0 || name.length === 0) return;
    this.names.push(name);
    this.values.push(value);
    this.hash = (Math.imul(this.hash, 31) + name.length * 7919 + name.charCodeAt(0) * 131 + name.charCodeAt(name.length - 1)) | 0;
  }

  clear(): void {
    this.names.length = 0;
    this.values.length = 0;
    this.hash = 0;
  }
}

/** The default fields, always set from the reader's own values (never from extracted ones). */
const DEFAULT_FIELDS = ['_raw', '_time', 'source', 'sourcetype', 'host', 'index', 'linecount'];
const DEFAULT_SET = new Set(DEFAULT_FIELDS);

type Builder = (values: string[], raw: string, time: number, source: string, sourcetype: string, host: string, index: string, linecount: string) => Event;

const MAX_SHAPES = 4096;
/** Compiled constructors by name hash; each entry keeps its names to rule out hash collisions. */
const builders = new Map<number, Array<{ names: string[]; build: Builder }>>();
let shapeCount = 0;

function sameNames(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function builderFor(fields: FieldList): Builder {
  const bucket = builders.get(fields.hash);
  if (bucket) for (const entry of bucket) if (sameNames(entry.names, fields.names)) return entry.build;
  if (shapeCount >= MAX_SHAPES) {
    builders.clear();
    shapeCount = 0;
  }
  const entry = { names: fields.names.slice(), build: compile(fields.names) };
  const list = builders.get(fields.hash);
  if (list) list.push(entry);
  else builders.set(fields.hash, [entry]);
  shapeCount++;
  return entry.build;
}

/** Compile the constructor for one sequence of names. */
function compile(names: string[]): Builder {
  const slots = new Map<string, number[]>();
  names.forEach((name, i) => {
    if (DEFAULT_SET.has(name) || name === '__proto__') return;
    const list = slots.get(name);
    if (list) list.push(i);
    else slots.set(name, [i]);
  });
  const props = DEFAULT_FIELDS.map((name, i) => `${JSON.stringify(name)}: d${i}`);
  for (const [name, indexes] of slots) {
    const value = indexes.length === 1 ? `v[${indexes[0]}]` : `[${indexes.map((i) => `v[${i}]`).join(', ')}]`;
    props.push(`${JSON.stringify(name)}: ${value}`);
  }
  // Names are embedded only as JSON string literals, so no name can change the code's meaning.
  return new Function('v', 'd0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', `return { ${props.join(', ')} };`) as Builder;
}

/** The event for `raw` with the listed fields and the default fields. */
export function buildEvent(fields: FieldList, raw: string, time: number, meta: DatasetMeta, host: string): Event {
  return builderFor(fields)(fields.values, raw, time, meta.source, meta.sourcetype, host, meta.index ?? 'main', String(countNewlines(raw) + 1));
}
