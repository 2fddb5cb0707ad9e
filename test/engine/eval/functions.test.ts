/**
 * Runs the golden table in goldens.ts: every eval function, with null and multivalue cases,
 * each citing the Splunk documentation it follows.
 */
import { describe, expect, it } from 'vitest';
import { evalText } from './helpers.js';
import { FUNCTION_GOLDENS } from './goldens.js';
import { functions, supportedFunctions } from '../../../harness/engine/functions/index.js';

describe('eval function goldens', () => {
  for (const golden of FUNCTION_GOLDENS) {
    describe(`${golden.fn}() — ${golden.doc.split(':')[0]}`, () => {
      for (const c of golden.cases) {
        it(`[${c.kind}] ${c.expr} ${c.event ? JSON.stringify(c.event) : '{}'}`, () => {
          expect(evalText(c.expr, c.event ?? {})).toEqual(c.expected);
        });
      }
    });
  }
});

describe('function registry', () => {
  it('every registered function has goldens', () => {
    const covered = new Set(FUNCTION_GOLDENS.map((g) => g.fn));
    expect(supportedFunctions().filter((f) => !covered.has(f))).toEqual([]);
    expect(FUNCTION_GOLDENS.map((g) => g.fn).filter((f) => !functions.has(f))).toEqual([]);
  });

  it('every function that takes arguments has a null case and a multivalue case', () => {
    const missing: string[] = [];
    for (const g of FUNCTION_GOLDENS) {
      if (functions.get(g.fn)!.minArgs === 0 && !g.cases.some((c) => c.kind !== 'basic')) continue;
      if (!g.cases.some((c) => c.kind === 'null')) missing.push(`${g.fn}: null`);
      if (!g.cases.some((c) => c.kind === 'mv')) missing.push(`${g.fn}: multivalue`);
    }
    expect(missing).toEqual([]);
  });
});
