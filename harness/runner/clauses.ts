import type { Command, EvalExpr, Pipeline, SearchExpr, Span } from '../spl/ast.js';
import { evalNode, walk } from '../spl/walk.js';
import type { EngineSource, Event } from '../engine/types.js';
import { runPipeline } from '../engine/run.js';
import { compileSearch, TIME_MODIFIERS } from '../engine/match.js';
import { evaluate, isTruthy } from '../engine/eval.js';
import { datasetName } from '../engine/commands/lib/datamodel.js';
import type { ClauseCoverage, ClauseLeaf } from '../report/types.js';

/**
 * Clause coverage: which leaves of a search's logic the test data exercised. A leaf is a term of
 * a `search` or `tstats where` (each value of an `IN` on its own), a predicate of a `where` (each
 * `OR` branch, each `IN` value, each `like`/`match` call), or an arm of a `case()`/`if()` in an
 * `eval`. A filtering command's leaves are scored on the rows it let through (its input rows that
 * satisfy the command as a whole), an `eval`'s arms on its input rows: a leaf is exercised when
 * one such row makes it true — or false, under an odd number of `NOT`s. A leaf no row exercised is
 * logic the test says nothing about: an `OR` branch that could be deleted, or be wrong, unnoticed.
 *
 * The rows a filtering command lets through are not all rows that reach the final result (a later
 * command may drop them); following each row's lineage through aggregations is left out, so the
 * figure is an upper bound of what the final rows exercised.
 */

/** Where a leaf is: the runner maps an offset of the expanded search to the detection file. */
export type LeafLocator = (offset: number) => { line: number; column: number; macro?: string; filterMacro?: boolean; written?: { start: number; end: number } };

export interface CoverageOptions {
  /** The expanded search text the spans point into. */
  text: string;
  locate?: LeafLocator;
}

interface Leaf {
  text: string;
  offset: number;
  /** End of the leaf's characters in the expanded text (exclusive). */
  end: number;
  command: number;
  /** True when the row exercises this leaf (a test that throws counts as not exercised). */
  test: (row: Event) => boolean;
  hit: boolean;
}

/** Leaves of one command, scored on the output of command `tap` (or on the rows `scan` yields). */
interface CommandLeaves {
  tap?: number;
  scan?: (source: EngineSource) => AsyncIterable<Event> | undefined;
  leaves: Leaf[];
}

export async function clauseCoverage(pipeline: Pipeline, source: EngineSource, opts: CoverageOptions): Promise<ClauseCoverage> {
  const groups = pipeline.commands.map((c, i) => leavesOf(c, i, opts.text, source.now)).filter((g): g is CommandLeaves => g !== undefined);
  const byTap = new Map<number, Leaf[]>();
  for (const g of groups) if (g.tap !== undefined) byTap.set(g.tap, [...(byTap.get(g.tap) ?? []), ...g.leaves]);
  const score = (leaves: Leaf[], row: Event) => {
    for (const l of leaves) if (!l.hit && l.test(row)) l.hit = true;
  };
  if (byTap.size) {
    const tap = (i: number, rows: AsyncIterable<Event>): AsyncIterable<Event> => {
      const leaves = byTap.get(i);
      if (!leaves) return rows;
      return (async function* () {
        for await (const row of rows) {
          score(leaves, row);
          yield row;
        }
      })();
    };
    for await (const row of runPipeline(pipeline, source, { tap })) void row;
  }
  for (const g of groups) {
    const rows = g.scan?.(source);
    if (rows) for await (const row of rows) score(g.leaves, row);
  }
  const report = (l: Leaf): ClauseLeaf | undefined => {
    const at = opts.locate?.(l.offset);
    if (at?.filterMacro) return undefined;
    const last = opts.locate?.(Math.max(l.offset, l.end - 1));
    const span: [number, number] | undefined = at?.written && last?.written ? [at.written.start, Math.max(at.written.end, last.written.end)] : undefined;
    return {
      text: l.text,
      command: l.command + 1,
      line: at?.line ?? 0,
      column: at?.column ?? 0,
      ...(at?.macro ? { macro: at.macro } : {}),
      ...(span ? { search_span: span } : {}),
    };
  };
  const all = groups.flatMap((g) => g.leaves);
  const pick = (hit: boolean) =>
    all
      .filter((l) => l.hit === hit)
      .map(report)
      .filter((x): x is ClauseLeaf => x !== undefined);
  return { exercised: pick(true), unexercised: pick(false) };
}

/** The share of leaves exercised (1 when the search has none). */
export function coverageShare(c: ClauseCoverage): number {
  const total = c.exercised.length + c.unexercised.length;
  return total ? c.exercised.length / total : 1;
}

function leavesOf(command: Command, index: number, text: string, now: number): CommandLeaves | undefined {
  const slice = (span: Span) => text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  const leaves: Leaf[] = [];
  const add = (leafText: string, span: Span, test: (row: Event) => boolean) =>
    leaves.push({ text: leafText, offset: span.start, end: span.end, command: index, test: guarded(test), hit: false });
  const ctx = { now };
  if (command.cmd === 'search' && command.expr) {
    searchLeaves(command.expr, false, text, slice, add);
    return { tap: index, leaves };
  }
  if (command.cmd === 'tstats' && command.where) {
    searchLeaves(command.where, false, text, slice, add);
    const where = guarded(compileSearch(command.where));
    const name = command.datamodel ? datasetName(command.datamodel, command.nodename) : undefined;
    const scan = (source: EngineSource) => {
      const rows = name ? source.datamodel(name) : source.events();
      return rows && filterRows(rows, where);
    };
    return { scan, leaves };
  }
  if (command.cmd === 'where') {
    evalLeaves(command.expr, false, slice, ctx, add);
    return { tap: index, leaves };
  }
  if (command.cmd === 'eval' && index > 0) {
    for (const a of command.assignments) armLeaves(a.expr, slice, ctx, add);
    return leaves.length ? { tap: index - 1, leaves } : undefined;
  }
  return undefined;
}

type Add = (text: string, span: Span, test: (row: Event) => boolean) => void;

function searchLeaves(e: SearchExpr, negated: boolean, text: string, slice: (s: Span) => string, add: Add): void {
  switch (e.type) {
    case 'and':
    case 'or':
      for (const i of e.items) searchLeaves(i, negated, text, slice, add);
      return;
    case 'not':
      return searchLeaves(e.expr, !negated, text, slice, add);
    case 'compare': {
      if (TIME_MODIFIERS.has(e.field)) return;
      const p = compileSearch(e);
      return add(slice(e.span), e.span, (row) => p(row) !== negated);
    }
    case 'term': {
      if (e.value.text === '*') return;
      const p = compileSearch(e);
      return add(slice(e.span), e.span, (row) => p(row) !== negated);
    }
    case 'in': {
      // Each value is a leaf of its own, found in the written text in order (a value carries no span).
      let from = e.span.start;
      for (const v of e.values) {
        const at = text.indexOf(v.text, from);
        const found = at >= 0 && at < e.span.end;
        // A quoted value's span takes its quotes, as an eval IN value's does.
        const quoted = found && v.quoted && text[at - 1] === '"' && text[at + v.text.length] === '"' ? 1 : 0;
        const span = found ? { start: at - quoted, end: at + v.text.length + quoted } : e.span;
        if (found) from = span.end;
        const p = compileSearch({ type: 'compare', field: e.field, op: '=', value: v, span: e.span });
        add(`${e.field} IN (…${v.quoted ? `"${v.text}"` : v.text}…)`, span, (row) => p(row) !== negated);
      }
      return;
    }
    case 'subsearch':
      return;
  }
}

function evalLeaves(e: EvalExpr, negated: boolean, slice: (s: Span) => string, ctx: { now: number }, add: Add): void {
  if (e.type === 'binary' && (e.op === 'AND' || e.op === 'OR' || e.op === 'XOR')) {
    evalLeaves(e.left, negated, slice, ctx, add);
    return evalLeaves(e.right, negated, slice, ctx, add);
  }
  if (e.type === 'unary' && e.op === 'NOT') return evalLeaves(e.expr, !negated, slice, ctx, add);
  if (e.type === 'in' && e.list.length > 1) {
    for (const item of e.list) {
      const one: EvalExpr = { type: 'in', expr: e.expr, list: [item], span: item.span };
      add(`${slice(e.expr.span)} IN (…${slice(item.span)}…)`, item.span, (row) => isTruthy(evaluate(one, row, ctx)) !== negated);
    }
    return;
  }
  add(slice(e.span), e.span, (row) => isTruthy(evaluate(e, row, ctx)) !== negated);
}

/** The arms of every `case()` and `if()` in an eval expression: an arm is exercised when a row takes it. */
function armLeaves(root: EvalExpr, slice: (s: Span) => string, ctx: { now: number }, add: Add): void {
  walk(evalNode(root), (n) => {
    if (n.kind !== 'eval' || n.node.type !== 'call') return;
    const { name, args } = n.node;
    const truthy = (c: EvalExpr) => (row: Event) => isTruthy(evaluate(c, row, ctx));
    if (name === 'case') {
      const conditions: Array<(row: Event) => boolean> = [];
      for (let k = 0; k + 1 < args.length; k += 2) {
        const earlier = [...conditions];
        const cond = truthy(args[k]);
        conditions.push(cond);
        add(`case arm ${slice(args[k].span)}`, args[k].span, (row) => cond(row) && !earlier.some((c) => c(row)));
      }
    } else if (name === 'if' && args.length === 3) {
      const cond = truthy(args[0]);
      add(`if ${slice(args[0].span)} → ${slice(args[1].span)}`, args[1].span, cond);
      add(`if NOT ${slice(args[0].span)} → ${slice(args[2].span)}`, args[2].span, (row) => !cond(row));
    }
  });
}

async function* filterRows(rows: AsyncIterable<Event>, keep: (row: Event) => boolean): AsyncIterable<Event> {
  for await (const row of rows) if (keep(row)) yield row;
}

function guarded(test: (row: Event) => boolean): (row: Event) => boolean {
  return (row) => {
    try {
      return test(row);
    } catch {
      return false;
    }
  };
}

export interface CoverageAggregate {
  detections: Array<{ name: string; file: string; tests: number; exercised: number; leaves: number; share: number }>;
  overall: { tests: number; exercised: number; leaves: number; share: number };
}

/**
 * The corpus view of clause coverage: per detection, a leaf counts as exercised when any of its
 * tests exercised it (tests of one detection share its search, so leaves are keyed by position
 * and text); overall, the sum over detections.
 */
export function aggregateCoverage(results: Array<{ name: string; file: string; coverage?: ClauseCoverage }>): CoverageAggregate {
  const byFile = new Map<string, { name: string; tests: number; hit: Set<string>; all: Set<string> }>();
  const key = (l: ClauseLeaf) => `${l.line}:${l.column}:${l.command}:${l.text}`;
  for (const r of results) {
    if (!r.coverage) continue;
    const d = byFile.get(r.file) ?? { name: r.name, tests: 0, hit: new Set<string>(), all: new Set<string>() };
    byFile.set(r.file, d);
    d.tests++;
    for (const l of r.coverage.exercised) d.hit.add(key(l));
    for (const l of r.coverage.exercised) d.all.add(key(l));
    for (const l of r.coverage.unexercised) d.all.add(key(l));
  }
  const share = (n: number, d: number) => (d ? n / d : 1);
  const detections = [...byFile.entries()]
    .map(([file, d]) => ({ name: d.name, file, tests: d.tests, exercised: d.hit.size, leaves: d.all.size, share: share(d.hit.size, d.all.size) }))
    .sort((a, b) => a.share - b.share || a.file.localeCompare(b.file));
  const exercised = detections.reduce((n, d) => n + d.exercised, 0);
  const leaves = detections.reduce((n, d) => n + d.leaves, 0);
  return { detections, overall: { tests: detections.reduce((n, d) => n + d.tests, 0), exercised, leaves, share: share(exercised, leaves) } };
}
