/**
 * Argument readers that several command parsers share (aggregations, stats bodies, rename lists,
 * sort keys, subsearch arguments). Each command's own parser lives in its command module under
 * `engine/commands/`; syntax follows each command's page in the Splunk Search Reference.
 */
import type { Aggregation, FieldRename, Options, Pipeline, SortKey, Span } from './ast.js';
import type { ArgReader } from './args.js';
import { describeToken, fail, parseBracketed } from './context.js';
import { parseEvalExpr } from './eval-expr.js';
import { matchingBracket, unescapeSpl } from './lexer.js';

/**
 * One aggregation: `count`, `values(process)`, `count(eval(x>1))`, optionally `as name`.
 * Without `as`, Splunk names the column after the call as written: `values(process)`, `count`.
 */
export function aggregation(r: ArgReader): Aggregation {
  const t = r.next();
  if (t.kind !== 'word') fail(`expected an aggregation such as count or values(field) but found ${describeToken(t)}`, t);
  const func = t.raw.toLowerCase();
  let end = t.end;
  let defaultName = t.raw;
  const agg: Aggregation = { func, span: { start: t.start, end } };
  if (r.s.text[t.end] === '(') {
    r.s.pos = t.end;
    const close = r.s.balancedParenEnd(t.end);
    const inner = r.s.text.slice(t.end + 1, close - 1).trim();
    if (/^eval\s*\(/i.test(inner)) {
      r.s.pos = t.end + 1;
      r.s.nextEval(); // eval
      agg.evalArg = parseEvalExpr(r.s, r.ctx); // the parenthesised expression
      const rest = r.s.nextEval();
      if (rest.kind !== ')') fail(`expected ')' after eval(...) in ${t.raw}(...) but found ${describeToken(rest)}`, rest);
    } else if (inner !== '') {
      agg.field = inner.startsWith('"') && inner.endsWith('"') && inner.length >= 2 ? unescapeSpl(inner.slice(1, -1)) : inner;
    }
    r.s.pos = end = close;
    defaultName = `${t.raw}(${agg.field ?? inner})`;
  }
  if (r.eatKeyword('as')) {
    const as = r.peek();
    agg.as = r.field('a name after AS');
    end = as.end;
  } else agg.as = defaultName;
  agg.span = { start: t.start, end };
  return agg;
}

/** Options, aggregations and a `by` clause in any order, as stats-like commands take them. */
export function statsBody(r: ArgReader, keywords: string[] = []) {
  const options: Options = {};
  const aggregations: Aggregation[] = [];
  let by: string[] = [];
  while (!r.atEnd()) {
    if (r.eatComma()) continue;
    const o = r.option();
    if (o) {
      options[o[0]] = o[1];
      continue;
    }
    if (r.isKeyword(...keywords)) break;
    if (r.eatKeyword('by')) {
      by = r.fieldList(keywords);
      continue;
    }
    aggregations.push(aggregation(r));
  }
  return { options, aggregations, by };
}

/** `<field> [AS <name>]` pairs until the end or one of `stop`. */
export function renameList(r: ArgReader, stop: string[]): FieldRename[] {
  const out: FieldRename[] = [];
  for (;;) {
    if (r.eatComma()) continue;
    const t = r.peek();
    if ((t.kind !== 'word' && t.kind !== 'string') || r.isKeyword(...stop)) break;
    const from = r.field();
    const to = r.eatKeyword('as') ? r.field('a name after AS') : from;
    out.push({ from, to });
  }
  return out;
}

/** A sort key: `[+|-]field`, or `-num(field)` style with auto/str/num/ip. */
export function sortKey(r: ArgReader): SortKey {
  let t = r.next();
  let desc = false;
  if (t.kind === 'word' && (t.raw === '-' || t.raw === '+')) {
    desc = t.raw === '-';
    t = r.next();
  } else if (t.kind === 'word' && /^[+-]./.test(t.raw)) {
    desc = t.raw[0] === '-';
    t = { ...t, raw: t.raw.slice(1), value: t.value.slice(1), start: t.start + 1 };
  }
  if (t.kind !== 'word' && t.kind !== 'string') fail(`expected a field to sort by but found ${describeToken(t)}`, t);
  const m = /^(auto|str|num|ip)$/i.exec(t.raw);
  if (m && t.kind === 'word' && r.s.text[t.end] === '(') {
    r.next(); // (
    const field = r.field();
    const close = r.next();
    if (close.kind !== ')') fail(`expected ')' but found ${describeToken(close)}`, close);
    return { field, desc, as: m[1].toLowerCase() as SortKey['as'] };
  }
  return { field: t.value, desc };
}

/** The `[ ... ]` subsearch argument of `command`; `firstIsCommand` for appendpipe's subpipeline. */
export function subsearchArg(r: ArgReader, command: string, firstIsCommand = false): Pipeline {
  if (r.peek().kind !== '[') fail(`${command} needs a subsearch in [ ]`, r.peek());
  return parseBracketed(r.s, r.ctx, firstIsCommand).pipeline;
}

/** Skips a bracketed part without parsing it; returns the span inside the brackets. */
export function bracketedText(r: ArgReader): { inner: Span } {
  const open = r.next();
  const close = matchingBracket(r.s.text, open.start, r.s.end);
  r.s.pos = close < 0 ? r.s.end : close + 1;
  if (close < 0) r.ctx.report("unclosed '[': missing ']'", open);
  return { inner: { start: open.end, end: close < 0 ? r.s.end : close } };
}
