/**
 * Every eval function that the security_content detections call (in eval, where, fieldformat,
 * stats `eval(...)` arguments, after macro expansion, deprecated detections left out) must be in
 * the function registry. The count and the list are printed for the report.
 */
import { expect, it } from 'vitest';
import { describeShared, ESCU } from '../../support/shared.js';
import { loadContent } from '../../../harness/content/load.js';
import { expandMacros } from '../../../harness/spl/expand.js';
import { parseEvalExpression, parseSearch } from '../../../harness/spl/parse.js';
import type { Command, EvalExpr, Pipeline, SearchExpr } from '../../../harness/spl/ast.js';
import { supportedFunctions } from '../../../harness/engine/functions/index.js';
import { compileEval } from '../../../harness/engine/eval.js';
import { compileRegex } from '../../../harness/engine/regex.js';
import { compileSearch } from '../../../harness/engine/match.js';

/** Every eval expression met, so the suite can compile and run each one. */
const seen: EvalExpr[] = [];
/** Every rex / regex pattern met: the PCRE translation must accept each. */
const patterns: string[] = [];
/** Every search expression met (search, tstats where, inputlookup where), subsearches left out. */
const searches: SearchExpr[] = [];

/** The expression without subsearch terms (the command layer resolves those before matching). */
function withoutSubsearches(expr: SearchExpr): SearchExpr | null {
  switch (expr.type) {
    case 'subsearch':
      return null;
    case 'and':
    case 'or': {
      const items = expr.items.map(withoutSubsearches).filter((e): e is SearchExpr => e !== null);
      return items.length ? { ...expr, items } : null;
    }
    case 'not': {
      const inner = withoutSubsearches(expr.expr);
      return inner ? { ...expr, expr: inner } : null;
    }
    default:
      return expr;
  }
}

function noteSearch(expr: SearchExpr | null | undefined): void {
  const e = expr && withoutSubsearches(expr);
  if (e) searches.push(e);
}

function callsIn(expr: EvalExpr | undefined | null, out: Set<string>): void {
  if (!expr) return;
  seen.push(expr);
  switch (expr.type) {
    case 'call':
      out.add(expr.name.toLowerCase());
      expr.args.forEach((a) => callsIn(a, out));
      return;
    case 'binary':
      callsIn(expr.left, out);
      callsIn(expr.right, out);
      return;
    case 'unary':
      callsIn(expr.expr, out);
      return;
    case 'in':
      callsIn(expr.expr, out);
      expr.list.forEach((a) => callsIn(a, out));
      return;
    default:
      return;
  }
}

function searchSubsearches(expr: SearchExpr | null | undefined, out: Set<string>): void {
  if (!expr) return;
  if (expr.type === 'and' || expr.type === 'or') expr.items.forEach((e) => searchSubsearches(e, out));
  else if (expr.type === 'not') searchSubsearches(expr.expr, out);
  else if (expr.type === 'subsearch') pipelineCalls(expr.pipeline, out);
}

function commandCalls(c: Command, out: Set<string>): void {
  switch (c.cmd) {
    case 'eval':
      c.assignments.forEach((a) => callsIn(a.expr, out));
      break;
    case 'where':
      callsIn(c.expr, out);
      break;
    case 'tstats':
      noteSearch(c.where);
      c.aggregations.forEach((a) => callsIn(a.evalArg, out));
      break;
    case 'stats':
    case 'timechart':
      c.aggregations.forEach((a) => callsIn(a.evalArg, out));
      break;
    case 'rex':
    case 'regex':
      patterns.push(c.regex);
      break;
    case 'head':
      callsIn(c.expr, out);
      break;
    case 'search':
      searchSubsearches(c.expr, out);
      noteSearch(c.expr);
      break;
    case 'inputlookup':
      noteSearch(c.where);
      break;
    case 'join':
    case 'append':
    case 'appendpipe':
      pipelineCalls(c.subsearch, out);
      break;
    case 'generic':
      if (c.name === 'fieldformat') {
        const eq = c.raw.indexOf('=');
        if (eq > 0) callsIn(parseEvalExpression(c.raw.slice(eq + 1)).expr, out);
      }
      break;
    default:
      break;
  }
}

function pipelineCalls(p: Pipeline, out: Set<string>): void {
  p.commands.forEach((c) => commandCalls(c, out));
}

describeShared('eval functions used by security_content', () => {
  it('are all in the function registry', () => {
    const content = loadContent(ESCU);
    const used = new Map<string, number>();
    for (const d of content.detections) {
      if (d.status === 'deprecated' || d.file.relPath.includes('deprecated/')) continue;
      const expanded = expandMacros(d.search, content.macros);
      const { pipeline } = parseSearch(expanded.text);
      const calls = new Set<string>();
      pipelineCalls(pipeline, calls);
      for (const name of calls) used.set(name, (used.get(name) ?? 0) + 1);
    }
    const supported = new Set(supportedFunctions());
    const missing = [...used.keys()].filter((n) => !supported.has(n)).sort();
    const list = [...used].sort((a, b) => b[1] - a[1]).map(([n, c]) => `${n}:${c}`);
    console.log(`[eval functions] ${used.size} distinct functions used by detections: ${list.join(' ')}`);
    expect(used.size).toBeGreaterThan(30);
    expect(missing).toEqual([]);

    // Each expression compiles, and evaluating it never throws on an event with no fields, nor
    // on events whose every field is a multivalue, a number, a path or empty.
    const failures: string[] = [];
    const everyField = (v: unknown) => new Proxy({}, { get: (_t, k) => (typeof k === 'string' ? v : undefined) });
    const events = [{}, everyField(['a', '1']), everyField(5), everyField('C:\\Windows\\x.exe'), everyField('')];
    for (const expr of seen) {
      try {
        const fn = compileEval(expr);
        for (const event of events) fn(event, { now: 1_700_000_000 });
      } catch (err) {
        failures.push(`${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);

    const badPatterns: string[] = [];
    for (const p of patterns) {
      try {
        compileRegex(p);
      } catch (err) {
        badPatterns.push(`${p}: ${(err as Error).message}`);
      }
    }
    console.log(`[eval functions] ${seen.length} eval expressions and ${patterns.length} rex/regex patterns checked`);
    expect(badPatterns).toEqual([]);

    // Every search expression compiles and runs on an empty event and on a raw-only one.
    const badSearches: string[] = [];
    for (const expr of searches) {
      try {
        const p = compileSearch(expr);
        p({});
        p({ _raw: 'x' });
      } catch (err) {
        badSearches.push((err as Error).message);
      }
    }
    console.log(`[search expressions] ${searches.length} search / tstats where / inputlookup where expressions compiled`);
    expect(searches.length).toBeGreaterThan(1000);
    expect(badSearches).toEqual([]);
  });
});
