import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EvalExpr, SearchExpr } from '../../harness/spl/ast.js';
import { parseEvalExpression, parseSearch, parseSearchExpression } from '../../harness/spl/parse.js';
import { renderEvalExpr, renderSearchExpr } from '../../harness/spl/render.js';
import { expandMacros } from '../../harness/spl/expand.js';

const noSpans = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'span' && v && typeof v === 'object' && 'start' in v ? undefined : v)));

const fieldName = fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}(\.[a-z][a-z0-9_]{0,4})?$/).filter((s) => !['and', 'or', 'not', 'xor', 'like', 'in'].includes(s));
const text = fc.string({ maxLength: 8 });
const bareValue = fc.stringMatching(/^[a-z0-9*\\.:-]{1,8}$/).filter((s) => !/^[+-]/.test(s));
const value = fc.oneof(fc.record({ text, quoted: fc.constant(true) }), fc.record({ text: bareValue, quoted: fc.constant(false) }));
const span = { start: 0, end: 0 };

/** Search expressions as the parser builds them: no nested and-in-and without grouping, etc. */
const searchExpr: fc.Arbitrary<SearchExpr> = fc.letrec<{ e: SearchExpr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      type: fc.constant('compare' as const),
      field: fieldName,
      op: fc.constantFrom('=', '!=', '<', '>', '<=', '>=' as const),
      value,
      span: fc.constant(span),
    }),
    fc.record({ type: fc.constant('term' as const), value: value.filter((v) => v.quoted || !['AND', 'OR', 'NOT'].includes(v.text)), span: fc.constant(span) }),
    fc.record({ type: fc.constant('term' as const), value, directive: fc.constantFrom('TERM' as const, 'CASE' as const), span: fc.constant(span) }),
    fc.record({ type: fc.constant('in' as const), field: fieldName, values: fc.array(value, { minLength: 1, maxLength: 3 }), span: fc.constant(span) }),
    fc.record({ type: fc.constant('not' as const), expr: tie('e'), span: fc.constant(span) }),
    fc.record({ type: fc.constant('and' as const), items: fc.array(tie('e'), { minLength: 2, maxLength: 3 }), span: fc.constant(span) }),
    fc.record({ type: fc.constant('or' as const), items: fc.array(tie('e'), { minLength: 2, maxLength: 3 }), span: fc.constant(span) }),
  ),
})).e;

/** Eval expressions of every node kind; render adds the parentheses precedence needs. */
const evalExpr: fc.Arbitrary<EvalExpr> = fc.letrec<{ e: EvalExpr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('field' as const), name: fieldName, span: fc.constant(span) }),
    fc.record({ type: fc.constant('string' as const), value: text, span: fc.constant(span) }),
    fc.nat(1000).map((n) => ({ type: 'number' as const, value: n, raw: String(n), span })),
    fc.record({
      type: fc.constant('call' as const),
      name: fc.constantFrom('if', 'match', 'coalesce', 'lower'),
      args: fc.array(tie('e'), { maxLength: 3 }),
      span: fc.constant(span),
    }),
    fc.record({
      type: fc.constant('binary' as const),
      op: fc.constantFrom('+', '-', '*', '/', '%', '.', '=', '==', '!=', '<', '>', '<=', '>=', 'AND', 'OR', 'XOR', 'LIKE' as const),
      left: tie('e'),
      right: tie('e'),
      span: fc.constant(span),
    }),
    fc.record({ type: fc.constant('unary' as const), op: fc.constantFrom('NOT', '-' as const), expr: tie('e'), span: fc.constant(span) }),
    fc.record({ type: fc.constant('in' as const), expr: tie('e'), list: fc.array(tie('e'), { minLength: 1, maxLength: 3 }), span: fc.constant(span) }),
  ),
})).e;

describe('render → parse round trip on generated expressions', () => {
  it('search expressions', () => {
    fc.assert(
      fc.property(searchExpr, (e) => {
        const text = renderSearchExpr(e);
        const back = parseSearchExpression(text);
        expect(back.errors).toEqual([]);
        expect(noSpans(back.expr)).toEqual(noSpans(e));
      }),
      { numRuns: 300 },
    );
  });
  it('eval expressions', () => {
    fc.assert(
      fc.property(evalExpr, (e) => {
        const text = renderEvalExpr(e);
        const back = parseEvalExpression(text);
        expect(back.errors).toEqual([]);
        expect(noSpans(back.expr)).toEqual(noSpans(e));
      }),
      { numRuns: 300 },
    );
  });
});

describe('robustness on arbitrary input', () => {
  // Characters that matter to SPL's lexer, so the generator hits quotes, brackets and pipes often.
  const splChar = fc.constantFrom(...'ab=!<>()[]|"\'`\\,.* \n-+OR AND NOT IN eval stats tstats where by as'.split(''));
  const splText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.array(splChar, { maxLength: 60 }).map((cs) => cs.join('')),
  );

  it('parseSearch never throws and keeps every error span inside the text', () => {
    fc.assert(
      fc.property(splText, fc.constantFrom('', '| ', 'search ', '| eval x=', '| stats ', '| tstats count where '), (body, prefix) => {
        const text = prefix + body;
        const r = parseSearch(text);
        for (const e of r.errors) {
          expect(e.span.start).toBeGreaterThanOrEqual(0);
          expect(e.span.end).toBeLessThanOrEqual(text.length);
          expect(e.span.start).toBeLessThanOrEqual(e.span.end);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('expandMacros never throws and maps every offset to a source position', () => {
    const macros = new Map([['m', { file: { relPath: 'macros/m.yml' }, name: 'm', definition: 'x `n` $a$', arguments: [] }]]) as never;
    fc.assert(
      fc.property(splText, (text) => {
        const e = expandMacros(text, macros);
        for (let i = 0; i < e.text.length; i += 7) expect(e.origin(i).offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});
