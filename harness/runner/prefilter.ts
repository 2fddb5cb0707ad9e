/**
 * The raw-text pre-filter: skip an event before extracting a single field when its raw text
 * shows that the search cannot match it.
 *
 * Splunk does the same from its index: a search's literal terms are looked up in the lexicon
 * before any event is read, so `process_name=winrs.exe` only ever touches events whose raw text
 * holds `winrs.exe`. Here, from the first command of the search (the implicit `search`, or
 * `tstats ... from datamodel=... where ...`), each `field=value` term becomes a requirement on the
 * raw text when the field's values can only be text of the raw event (see ingest/provenance.ts):
 * every literal piece of the value must appear in the raw text, ignoring case. A term about a
 * field that may be computed, may hold a constant that matches, is negated (`NOT`, `!=`) or
 * compares (`<`, `>`) requires nothing. The result is a necessary condition, never a sufficient
 * one: an event that passes is extracted and matched as usual.
 *
 * It applies only when the search reads events in one place (no subsearch, join or append that
 * would read events the first command does not want), and only the readers that can check it
 * before extracting honour it (see `ReadOptions.prefilter`).
 */

import type { Command, Pipeline, SearchExpr } from '../spl/ast.js';
import { syntaxOf } from '../spl/grammar.js';
import { assertNever, pipelineNode, someNode } from '../spl/walk.js';
import { TIME_MODIFIERS } from '../engine/match.js';
import { escapeRegex } from '../engine/regex.js';
import { datamodelFieldOrigins, sourceFieldOrigins, type Origin } from '../ingest/provenance.js';
import type { RawForm } from '../ingest/types.js';
import { all, any, pieces, valueNeed, type RawNeed } from './raw-need.js';
import { datasetNeed } from './constraint-need.js';
import { lookupKeys, type LookupKeys, type LookupResolver } from './lookup-need.js';

export type { RawNeed } from './raw-need.js';

export interface RawPrefilter {
  /** False only when the event's raw text cannot belong to a result. */
  keep: (raw: string) => boolean;
  /** The requirement, for reports and tests: `winrs.exe AND (-r: OR -remote:)`. */
  describe: string;
}

/**
 * Texts that the engine reads as the whole number `digits` (values.ts NUMERIC, compared as
 * numbers): optional spaces and `+`, leading zeros, a point and zeros; zero also signed and as
 * `.0`. Numbers with an exponent are matched separately.
 */
function numberPattern(digits: string): string {
  const plain = digits === '0' ? '[+-]?(?:0+\\.?0*|\\.0+)' : `\\+?0*${digits}(?:\\.0*)?`;
  return `\\s*${plain}\\s*`;
}

const EXPONENT_VALUE = '\\s*[+-]?(?:\\d+\\.?\\d*|\\.\\d+)[eE][+-]?\\d+\\s*';

/**
 * Every text written as a whole value in one of `forms`: the text after a `>` up to the next `<`
 * (or the end) where the start tag back to that `<` is an element of the name (`<EventID
 * Qualifiers='0'>`) or carries `Name='…'` of it, and the text between quotes after `name=` (any
 * quote: `<` cannot occur in a start tag while `>` and quotes mixed can, so every `>` of the tag
 * opens a candidate). Names ignore case and nothing else is asked of the markup, so the candidates
 * are more than the reader takes, never fewer.
 *
 * One extraction per event serves every requirement over the same forms (the shared scan asks
 * `EventCode` for a dozen numbers of each event): one extractor per set of forms, which keeps the
 * last event's values. Before, each number scanned every `>` of the event with its own regex
 * (about 1 µs per number and event).
 */
const extractors = new Map<string, (raw: string) => string[]>();

function formValues(forms: readonly RawForm[]): (raw: string) => string[] {
  const key = JSON.stringify(forms);
  let extractor = extractors.get(key);
  if (!extractor) extractors.set(key, (extractor = formExtractor(forms)));
  return extractor;
}

function formExtractor(forms: readonly RawForm[]): (raw: string) => string[] {
  const namesOf = (kind: 'element' | 'named' | 'attribute') =>
    new Set(forms.flatMap((f) => (kind in f ? [(f as Record<string, string>)[kind].toLowerCase()] : [])));
  const elements = namesOf('element');
  const named = namesOf('named');
  const attributes = namesOf('attribute');
  // The names themselves, longest first: a literal alternation skips ahead to candidates, where a
  // pattern starting with a class (`\s`) or a lookbehind tries every position. Each hit's markup
  // is then checked around it by hand.
  const all = [...new Set([...elements, ...named, ...attributes])].sort((a, b) => b.length - a.length);
  const hits = new RegExp(all.map(escapeRegex).join('|'), 'gi');
  let lastRaw: string | undefined;
  let lastValues: string[] = [];
  return (raw) => {
    if (raw === lastRaw) return lastValues;
    const values: string[] = [];
    hits.lastIndex = 0;
    for (let m = hits.exec(raw); m; m = hits.exec(raw)) {
      const name = m[0].toLowerCase();
      const at = m.index;
      const after = at + m[0].length;
      if ((elements.has(name) && startsElement(raw, at, after)) || (named.has(name) && namesData(raw, at, after))) textsAfter(raw, after, values);
      if (attributes.has(name)) attributeValue(raw, at, after, values);
      // A name may start inside another's hit.
      hits.lastIndex = at + 1;
    }
    lastRaw = raw;
    lastValues = values;
    return values;
  };
}

const isSpaceAt = (raw: string, i: number): boolean => i >= 0 && i < raw.length && /\s/.test(raw[i]);
const isQuoteAt = (raw: string, i: number): boolean => raw[i] === "'" || raw[i] === '"';

/** `<name` or `<prefix:name`, then a space or `>`. */
function startsElement(raw: string, at: number, after: number): boolean {
  if (!(isSpaceAt(raw, after) || raw[after] === '>')) return false;
  if (raw[at - 1] === '<') return true;
  if (raw[at - 1] !== ':') return false;
  let i = at - 2;
  while (i >= 0 && !/[\s<>/:]/.test(raw[i])) i--;
  return i < at - 2 && raw[i] === '<';
}

/** A space, `Name`, `=` and a quote before the name (spaces around `=`), a quote after it. */
function namesData(raw: string, at: number, after: number): boolean {
  if (!isQuoteAt(raw, at - 1) || !isQuoteAt(raw, after)) return false;
  let i = at - 2;
  while (isSpaceAt(raw, i)) i--;
  if (raw[i] !== '=') return false;
  i--;
  while (isSpaceAt(raw, i)) i--;
  return i >= 4 && raw.slice(i - 3, i + 1).toLowerCase() === 'name' && isSpaceAt(raw, i - 4);
}

/** Every text after a `>` of the tag the name is in, up to the next `<` (or the end): `<` cannot occur in a start tag while `>` can. */
function textsAfter(raw: string, from: number, values: string[]): void {
  const next = raw.indexOf('<', from);
  const end = next < 0 ? raw.length : next;
  for (let gt = raw.indexOf('>', from); gt >= 0 && gt < end; gt = raw.indexOf('>', gt + 1)) values.push(raw.slice(gt + 1, end));
}

/** ` name = 'value'` (or after a `:` prefix): the text between the quotes, any quote closing. */
function attributeValue(raw: string, at: number, after: number, values: string[]): void {
  if (at < 1 || !(isSpaceAt(raw, at - 1) || raw[at - 1] === ':')) return;
  let i = after;
  while (isSpaceAt(raw, i)) i++;
  if (raw[i] !== '=') return;
  i++;
  while (isSpaceAt(raw, i)) i++;
  if (!isQuoteAt(raw, i)) return;
  let to = i + 1;
  while (to < raw.length && !isQuoteAt(raw, to)) to++;
  if (to < raw.length) values.push(raw.slice(i + 1, to));
}

/** A number with an exponent, standing alone between delimiters (`>4.688e3<`, `="1E3"`). */
const EXPONENT_NUMBER = /(?:^|[\s>'"=,;:([{])[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+(?=$|[\s<'",;)\]}])/;

/**
 * Whether the raw text holds a number with an exponent. Every numeric requirement of every search
 * asks it of the same event in turn (the shared scan checks hundreds), so the last answer is kept.
 */
let lastRaw: string | undefined;
let lastExponent = false;
function hasExponentNumber(raw: string): boolean {
  if (raw !== lastRaw) {
    lastRaw = raw;
    lastExponent = EXPONENT_NUMBER.test(raw);
  }
  return lastExponent;
}

/** The raw-text requirement of a search expression, with field origins from `originOf`. */
function searchNeed(expr: SearchExpr, originOf: (field: string) => Origin | undefined): RawNeed {
  switch (expr.type) {
    case 'and':
      return all(expr.items.map((e) => searchNeed(e, originOf)));
    case 'or':
      return any(expr.items.map((e) => searchNeed(e, originOf)));
    case 'compare': {
      if (expr.op !== '=' || TIME_MODIFIERS.has(expr.field)) return true;
      const origin = originOf(expr.field);
      return origin ? valueNeed(origin, expr.value) : true;
    }
    case 'in': {
      const origin = originOf(expr.field);
      return origin ? any(expr.values.map((v) => valueNeed(origin, v))) : true;
    }
    case 'term':
      // A bare term matches `_raw` itself (on segment boundaries, which only narrows it).
      return all(pieces(expr.value.text).map((p) => ({ text: p })));
    case 'not':
    case 'subsearch':
      return true;
    default:
      return assertNever(expr);
  }
}

/**
 * True when a command other than the first reads events (or may: subsearches, joins, appends,
 * commands the harness only knows by name), as each command's metadata says (`readsEvents`).
 */
export function readsEventsElsewhere(pipeline: Pipeline): boolean {
  const first = pipeline.commands[0];
  return someNode(pipelineNode(pipeline), (n) => {
    if (n.kind === 'search') return n.node.type === 'subsearch';
    if (n.kind !== 'command' || n.node === first) return false;
    const syntax = syntaxOf(n.node);
    return syntax ? syntax.readsEvents === true : true;
  });
}

/**
 * The requirement a search puts on the raw text of events of one source/sourcetype. With the
 * content's lookups, a search whose rows survive only when a lookup matches their key (a tstats
 * by-field: lookup-need.ts) also needs one of the lookup's keys as that field's value.
 */
export function rawNeed(pipeline: Pipeline, meta: { source: string; sourcetype: string }, lookups?: LookupResolver): RawNeed {
  const first = pipeline.commands[0];
  if (!first || readsEventsElsewhere(pipeline)) return true;
  const own = readerNeed(first, meta);
  const keyed = lookups ? lookupKeys(pipeline, lookups) : undefined;
  return keyed ? all([own, keyNeed(first, meta, keyed)]) : own;
}

/** `field IN (<keys>)` on the first command's rows, as its own filter would ask it (quoted: `*` stays a wildcard). */
function keyNeed(first: Command, meta: { source: string; sourcetype: string }, keyed: LookupKeys): RawNeed {
  const originOf = fieldOrigins(first, meta);
  if (!originOf) return true;
  const span = { start: 0, end: 0 };
  return searchNeed({ type: 'in', field: keyed.field, values: keyed.keys.map((text) => ({ text, quoted: true })), span }, originOf);
}

/**
 * What the "why no hit" explanation needs of an event's raw text: that it may satisfy at least
 * one top-level clause of the first command. An event that can satisfy none counts toward no
 * clause and is never a nearest event (runner/explain.ts), so it need not be extracted.
 */
export function explainNeed(pipeline: Pipeline, meta: { source: string; sourcetype: string }): RawNeed {
  const first = firstFilter(pipeline, meta);
  if (!first) return true;
  const clauses = first.expr.type === 'and' ? flattenAnd(first.expr) : [first.expr];
  return any(clauses.map((c) => searchNeed(c, first.originOf)));
}

function flattenAnd(expr: SearchExpr): SearchExpr[] {
  return expr.type === 'and' ? expr.items.flatMap(flattenAnd) : [expr];
}

/** The first command's filter and where its fields come from, when the pre-filter may use it. */
function firstFilter(
  pipeline: Pipeline,
  meta: { source: string; sourcetype: string },
): { expr: SearchExpr; originOf: (field: string) => Origin | undefined } | undefined {
  const first = pipeline.commands[0];
  if (!first || readsEventsElsewhere(pipeline)) return undefined;
  return commandFilter(first, meta);
}

/** A reading command's filter (a leading `search`, a tstats `where`) and where its fields come from. */
function commandFilter(
  command: Command,
  meta: { source: string; sourcetype: string },
): { expr: SearchExpr; originOf: (field: string) => Origin | undefined } | undefined {
  const expr = command.cmd === 'search' ? command.expr : command.cmd === 'tstats' ? command.where : null;
  const originOf = expr ? fieldOrigins(command, meta) : undefined;
  return expr && originOf ? { expr, originOf } : undefined;
}

/** Where the fields of a reading command's rows come from: a leading `search`'s events, a tstats's data model rows. */
function fieldOrigins(command: Command, meta: { source: string; sourcetype: string }): ((field: string) => Origin | undefined) | undefined {
  if (command.cmd === 'search') return sourceFieldOrigins(meta.sourcetype, meta.source);
  if (command.cmd === 'tstats' && command.datamodel) {
    const origins = datamodelFieldOrigins(command.datamodel, meta.sourcetype, meta.source);
    if (!origins) return undefined;
    // tstats names a dataset field after its lineage (`Processes.process_name`); the base
    // fields (`_time`, `host`, ...) and `nodename` are unprefixed.
    return (field) => origins(field.slice(field.lastIndexOf('.') + 1));
  }
  return undefined;
}

/**
 * What one reading command (the `reader` a source is asked for events by: a leading `search`, a
 * tstats) requires of the raw text of what it reads: it applies its filter itself, so an event its
 * filter cannot keep need not reach it, whatever else the search reads elsewhere.
 */
export function readerNeed(command: Command | undefined, meta: { source: string; sourcetype: string }): RawNeed {
  if (!command) return true;
  const filter = commandFilter(command, meta);
  const own = filter ? searchNeed(filter.expr, filter.originOf) : true;
  // A data model's rows are only the events its constraints keep (constraint-need.ts).
  return command.cmd === 'tstats' && command.datamodel ? all([own, datasetNeed(command.datamodel, meta)]) : own;
}

/** The test for a requirement, compiled once per input file. */
export function compileNeed(need: Exclude<RawNeed, true>): (raw: string) => boolean {
  if ('text' in need) {
    // A case-insensitive regex runs on the text as it is; lower-casing each event first costs more.
    const re = new RegExp(escapeRegex(need.text), 'i');
    return (raw) => re.test(raw);
  }
  if ('integer' in need) {
    const digits = need.integer;
    return (raw) => raw.includes(digits) || hasExponentNumber(raw);
  }
  if ('number' in need) {
    const values = formValues(need.forms);
    const spelling = new RegExp(`^(?:${numberPattern(need.number)}|${EXPONENT_VALUE})$`);
    return (raw) => values(raw).some((v) => spelling.test(v));
  }
  if ('value' in need) {
    // Letters, digits and `._:-` only (raw-need.ts): no format escapes them; a reader may trim spaces.
    const anywhere = new RegExp(escapeRegex(need.value), 'i');
    const values = formValues(need.forms);
    const spelling = new RegExp(`^\\s*${escapeRegex(need.value)}\\s*$`, 'i');
    return (raw) => anywhere.test(raw) && values(raw).some((v) => spelling.test(v));
  }
  const parts = ('all' in need ? need.all : need.any).map((n) => compileNeed(n as Exclude<RawNeed, true>));
  if ('all' in need) {
    return (raw) => {
      for (const p of parts) if (!p(raw)) return false;
      return true;
    };
  }
  return (raw) => {
    for (const p of parts) if (p(raw)) return true;
    return false;
  };
}

export function describeNeed(need: RawNeed, nested = false): string {
  if (need === true) return 'anything';
  if ('text' in need) return need.text;
  if ('integer' in need) return need.integer;
  if ('number' in need) return `${describeForms(need.forms)}=${need.number}`;
  if ('value' in need) return `${describeForms(need.forms)}=${need.value}`;
  const inner = ('all' in need ? need.all : need.any).map((n) => describeNeed(n, true)).join('all' in need ? ' AND ' : ' OR ');
  return nested ? `(${inner})` : inner;
}

/** `[EventCode|EventID]`: the names of the elements and attributes the number is written in. */
function describeForms(forms: readonly RawForm[]): string {
  const names = new Set(forms.map((f) => ('element' in f ? f.element : 'named' in f ? f.named : f.attribute)));
  return `[${[...names].join('|')}]`;
}

/**
 * What the searches of several tests sharing one file ask of its raw text together: an event any
 * of them may match is kept (dataset-grouped execution reads the file once for all of them).
 */
export function unionNeed(needs: RawNeed[]): RawNeed {
  return any(needs);
}

/** The pre-filter of a requirement, or undefined when it requires nothing. */
export function prefilterOf(need: RawNeed): RawPrefilter | undefined {
  return need === true ? undefined : { keep: compileNeed(need), describe: describeNeed(need) };
}

/** The pre-filter for one input file, or undefined when the search requires nothing of raw text. */
export function rawPrefilter(pipeline: Pipeline, meta: { source: string; sourcetype: string }, lookups?: LookupResolver): RawPrefilter | undefined {
  const need = rawNeed(pipeline, meta, lookups);
  if (need === true) return undefined;
  return { keep: compileNeed(need), describe: describeNeed(need) };
}
