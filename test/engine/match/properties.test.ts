/**
 * Property tests (fast-check, small run counts) for the matcher and value helpers: the
 * optimised paths must agree with the plain definitions they replace.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileWildcard, compileSearch } from '../../../harness/engine/match.js';
import { compareValues } from '../../../harness/engine/values.js';
import { strftime, strptime } from '../../../harness/engine/time.js';
import type { SearchExpr } from '../../../harness/spl/ast.js';

const span = { start: 0, end: 0 };
const alphabet = fc.constantFrom('a', 'B', 'c', '*', '.', '\\', ' ');
const pattern = fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join(''));
const subject = fc.array(fc.constantFrom('a', 'b', 'C', '.', '\\', ' '), { maxLength: 10 }).map((cs) => cs.join(''));

/** The definition: `*` is any run of characters, everything else literal, case folded. */
function naiveWildcard(p: string, t: string): boolean {
  const re = new RegExp(
    '^' +
      p
        .toLowerCase()
        .split('*')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    's',
  );
  return re.test(t.toLowerCase());
}

describe('properties', () => {
  it('compileWildcard agrees with the plain definition', () => {
    fc.assert(
      fc.property(pattern, subject, (p, t) => {
        expect(compileWildcard(p)(t.toLowerCase())).toBe(naiveWildcard(p, t));
      }),
      { numRuns: 500 },
    );
  });

  it('x!=v is exactly "x present and not x=v"; NOT x=v adds the events without x', () => {
    fc.assert(
      fc.property(pattern, fc.option(fc.array(subject, { minLength: 1, maxLength: 3 })), (p, values) => {
        const value = { text: p, quoted: true };
        const event = values === null ? {} : { x: values.length === 1 ? values[0] : values };
        const eq = compileSearch({ type: 'compare', field: 'x', op: '=', value, span });
        const ne = compileSearch({ type: 'compare', field: 'x', op: '!=', value, span });
        const not: SearchExpr = { type: 'not', expr: { type: 'compare', field: 'x', op: '=', value, span }, span };
        const present = values !== null;
        expect(ne(event)).toBe(present && !eq(event));
        expect(compileSearch(not)(event)).toBe(!eq(event));
      }),
      { numRuns: 300 },
    );
  });

  it('compareValues is antisymmetric and numeric on numbers', () => {
    const scalar = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }).map(String), subject);
    fc.assert(
      fc.property(scalar, scalar, (a, b) => {
        expect(Math.sign(compareValues(a, b))).toBe(-Math.sign(compareValues(b, a)) || 0);
        if (typeof a === 'number' && typeof b === 'number') expect(Math.sign(compareValues(a, b))).toBe(Math.sign(a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('strptime reads back what strftime writes (ESCU ctime format)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4102444800 }), (t) => {
        expect(strptime(strftime(t, '%Y-%m-%dT%H:%M:%S'), '%Y-%m-%dT%H:%M:%S')).toBe(t);
        expect(strptime(strftime(t, '%m/%d/%Y %I:%M:%S %p'), '%m/%d/%Y %I:%M:%S %p')).toBe(t);
      }),
      { numRuns: 300 },
    );
  });
});
