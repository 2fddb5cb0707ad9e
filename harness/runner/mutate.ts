import type { CompareOp, EvalExpr, Pipeline, SearchExpr, SearchValue, Span } from '../spl/ast.js';
import { renderPipeline } from '../spl/render.js';
import type { EngineSource, Event } from '../engine/types.js';
import { runPipeline, checkSupport } from '../engine/run.js';
import { TIME_MODIFIERS } from '../engine/match.js';
import type { MutationSummary, SurvivingMutant } from '../report/types.js';
import type { SearchPosition } from './compile.js';

/**
 * Mutation testing of a detection's search: small faults are planted in the parsed search, one
 * at a time, and the test is run against each mutant over the events already read. A mutant the
 * test tells from the original (another verdict, or other result rows) is killed; one it cannot
 * tell is a survivor: a change to the detection's logic its test would let through.
 *
 * Operators (in the filtering commands: `search`, `tstats … where`, `where`):
 * - drop-predicate: remove one operand of an AND;
 * - negate-comparison: `=`↔`!=`, `<`↔`>=`, `>`↔`<=`;
 * - narrow-wildcard: a value's leading `*` removed (else its trailing one), a like pattern's leading `%`;
 * - drop-or-branch, drop-in-value: one alternative fewer;
 * - raise-threshold: a numeric constant compared with `<`, `>`, `<=`, `>=` raised by one (a
 *   boundary the data does not probe survives);
 * - remove-where: one `where` command removed.
 * The filter macro's own clauses and time modifiers are not mutated (tuning, not logic).
 */

export interface Mutant {
  operator: string;
  change: string;
  /** Offset in the expanded search of the changed clause. */
  offset: number;
  pipeline: Pipeline;
}

/** A place to plant one fault: found on one copy of the pipeline, applied to another. */
interface Site {
  operator: string;
  change: string;
  offset: number;
  apply: (p: Pipeline) => void;
}

type Locate = (offset: number) => SearchPosition;

/** Every mutant of the pipeline, each on its own deep copy. */
export function mutantsOf(pipeline: Pipeline, text: string, locate?: Locate): Mutant[] {
  // The sites of a copy come in the same order as the original's: the j-th is the same place.
  const sites = sitesOf(pipeline, text);
  const mutants: Mutant[] = [];
  sites.forEach((s, j) => {
    if (locate?.(s.offset).filterMacro) return;
    const copy = structuredClone(pipeline);
    sitesOf(copy, text)[j].apply(copy);
    mutants.push({ operator: s.operator, change: s.change, offset: s.offset, pipeline: copy });
  });
  return mutants;
}

function sitesOf(pipeline: Pipeline, text: string): Site[] {
  const slice = (span: Span) => text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  const sites: Site[] = [];
  pipeline.commands.forEach((c, i) => {
    if (c.cmd === 'search' && c.expr) searchSites(c.expr, slice, sites);
    if (c.cmd === 'tstats' && c.where) searchSites(c.where, slice, sites);
    if (c.cmd === 'where') {
      evalSites(c.expr, slice, sites);
      if (pipeline.commands.length > 1) {
        sites.push({ operator: 'remove-where', change: `removed ${slice(c.span)}`, offset: c.span.start, apply: (p) => void p.commands.splice(i, 1) });
      }
    }
  });
  return sites;
}

const NEGATED: Record<CompareOp, CompareOp> = { '=': '!=', '!=': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };

function searchSites(e: SearchExpr, slice: (s: Span) => string, sites: Site[]): void {
  switch (e.type) {
    case 'and':
    case 'or': {
      const drop = e.type === 'and' ? 'drop-predicate' : 'drop-or-branch';
      if (e.items.length > 1) {
        e.items.forEach((item, j) => {
          if (isInert(item)) return;
          sites.push({ operator: drop, change: `dropped ${slice(item.span)}`, offset: item.span.start, apply: () => void e.items.splice(j, 1) });
        });
      }
      for (const item of e.items) searchSites(item, slice, sites);
      return;
    }
    case 'not':
      return searchSites(e.expr, slice, sites);
    case 'compare': {
      if (isInert(e)) return;
      const op = NEGATED[e.op];
      sites.push({
        operator: 'negate-comparison',
        change: `${slice(e.span)} → ${e.field}${op}${e.value.text}`,
        offset: e.span.start,
        apply: () => void (e.op = op),
      });
      const narrower = narrowWildcard(e.value.text, '*');
      if (narrower !== undefined) {
        sites.push({
          operator: 'narrow-wildcard',
          change: `${slice(e.span)} → ${e.field}${e.op}${narrower}`,
          offset: e.span.start,
          apply: () => void (e.value = { ...e.value, text: narrower }),
        });
      }
      const n = Number(e.value.text);
      if (isThreshold(e.op) && e.value.text.trim() !== '' && Number.isFinite(n)) {
        sites.push({
          operator: 'raise-threshold',
          change: `${slice(e.span)} → ${e.field}${e.op}${n + 1}`,
          offset: e.span.start,
          apply: () => void (e.value = { text: String(n + 1), quoted: false }),
        });
      }
      return;
    }
    case 'in':
      if (e.values.length > 1) {
        e.values.forEach((v, j) => {
          sites.push({
            operator: 'drop-in-value',
            change: `dropped ${show(v)} from ${slice(e.span)}`,
            offset: e.span.start,
            apply: () => void e.values.splice(j, 1),
          });
        });
      }
      return;
    case 'term': {
      const narrower = narrowWildcard(e.value.text, '*');
      if (narrower !== undefined) {
        sites.push({
          operator: 'narrow-wildcard',
          change: `${slice(e.span)} → ${narrower}`,
          offset: e.span.start,
          apply: () => void (e.value = { ...e.value, text: narrower }),
        });
      }
      return;
    }
    case 'subsearch':
      return;
  }
}

function evalSites(e: EvalExpr, slice: (s: Span) => string, sites: Site[]): void {
  if (e.type === 'binary' && (e.op === 'AND' || e.op === 'OR')) {
    const operator = e.op === 'AND' ? 'drop-predicate' : 'drop-or-branch';
    const left = e.left;
    const right = e.right;
    sites.push({ operator, change: `dropped ${slice(left.span)}`, offset: left.span.start, apply: () => replace(e, e.right) });
    sites.push({ operator, change: `dropped ${slice(right.span)}`, offset: right.span.start, apply: () => replace(e, e.left) });
    evalSites(left, slice, sites);
    return evalSites(right, slice, sites);
  }
  if (e.type === 'unary' && e.op === 'NOT') return evalSites(e.expr, slice, sites);
  if (e.type === 'binary' && e.op in NEGATED) {
    const op = NEGATED[e.op as CompareOp];
    sites.push({ operator: 'negate-comparison', change: `${slice(e.span)} → ${op}`, offset: e.span.start, apply: () => void (e.op = op) });
    const constant = e.right.type === 'number' ? e.right : undefined;
    if (constant && isThreshold(e.op as CompareOp)) {
      const raised = constant.value + 1;
      sites.push({
        operator: 'raise-threshold',
        change: `${slice(e.span)} → ${slice(e.left.span)} ${e.op} ${raised}`,
        offset: e.span.start,
        apply: () => void (e.right = { type: 'number', value: raised, raw: String(raised), span: constant.span }),
      });
    }
    return;
  }
  if (e.type === 'binary' && e.op === '==') {
    sites.push({ operator: 'negate-comparison', change: `${slice(e.span)} → !=`, offset: e.span.start, apply: () => void (e.op = '!=') });
    return;
  }
  if (e.type === 'in' && e.list.length > 1) {
    e.list.forEach((item, j) => {
      sites.push({
        operator: 'drop-in-value',
        change: `dropped ${slice(item.span)} from ${slice(e.span)}`,
        offset: item.span.start,
        apply: () => void e.list.splice(j, 1),
      });
    });
    return;
  }
  const pattern = likePattern(e);
  if (pattern && pattern.type === 'string') {
    const narrower = narrowWildcard(pattern.value, '%');
    if (narrower !== undefined) {
      sites.push({
        operator: 'narrow-wildcard',
        change: `${slice(e.span)} → pattern "${narrower}"`,
        offset: e.span.start,
        apply: () => void (pattern.value = narrower),
      });
    }
  }
}

/** The pattern argument of `like(x, p)` or `x LIKE p`. */
function likePattern(e: EvalExpr): EvalExpr | undefined {
  if (e.type === 'call' && e.name === 'like' && e.args.length === 2) return e.args[1];
  if (e.type === 'binary' && e.op === 'LIKE') return e.right;
  return undefined;
}

/** A clause whose change cannot alter what a replayed search finds: time modifiers, `field=*`, a bare `*`. */
function isInert(e: SearchExpr): boolean {
  if (e.type === 'compare') return TIME_MODIFIERS.has(e.field) || (e.op === '=' && e.value.text === '*');
  return e.type === 'term' && e.value.text === '*';
}

const isThreshold = (op: CompareOp) => op === '<' || op === '>' || op === '<=' || op === '>=';

/** The value with its leading wildcard removed, else its trailing one; undefined when it has none to remove. */
function narrowWildcard(value: string, wildcard: string): string | undefined {
  if (value.length < 2 || !value.includes(wildcard) || [...value].every((c) => c === wildcard)) return undefined;
  if (value.startsWith(wildcard)) return value.slice(1);
  if (value.endsWith(wildcard)) return value.slice(0, -1);
  return undefined;
}

function show(v: SearchValue): string {
  return v.quoted ? `"${v.text}"` : v.text;
}

/** Replaces a node's content in place by another node's (so the parent's reference stays). */
function replace(target: EvalExpr, by: EvalExpr): void {
  const copy = structuredClone(by);
  for (const k of Object.keys(target)) delete (target as unknown as Record<string, unknown>)[k];
  Object.assign(target, copy);
}

/** What a test concludes from a search's rows: passed or not. */
export type Judge = (rows: Event[]) => boolean;

/**
 * Runs every mutant over the same source and compares with the original run: killed when the
 * verdict or the rows differ. Mutants that need what the engine lacks, or fail while running,
 * are invalid and left out of the score.
 */
export async function mutationRun(pipeline: Pipeline, source: EngineSource, opts: { text: string; locate?: Locate; judge: Judge }): Promise<MutationSummary> {
  const original = await collect(runPipeline(pipeline, source));
  const verdict = opts.judge(original);
  const fingerprint = JSON.stringify(original);
  const mutants = mutantsOf(pipeline, opts.text, opts.locate);
  let killed = 0;
  let invalid = 0;
  const survivors: SurvivingMutant[] = [];
  for (const m of mutants) {
    if (checkSupport(m.pipeline).length) {
      invalid++;
      continue;
    }
    let rows: Event[];
    try {
      rows = await collect(runPipeline(m.pipeline, source));
    } catch {
      invalid++;
      continue;
    }
    if (opts.judge(rows) !== verdict || JSON.stringify(rows) !== fingerprint) {
      killed++;
      continue;
    }
    const at = opts.locate?.(m.offset);
    survivors.push({
      operator: m.operator,
      change: m.change,
      line: at?.line ?? 0,
      column: at?.column ?? 0,
      ...(at?.macro ? { macro: at.macro } : {}),
      spl: renderPipeline(m.pipeline),
    });
  }
  const valid = mutants.length - invalid;
  return { mutants: mutants.length, killed, invalid, score: valid ? killed / valid : 1, survivors };
}

async function collect(it: AsyncIterable<Event>): Promise<Event[]> {
  const out: Event[] = [];
  for await (const e of it) out.push(e);
  return out;
}
