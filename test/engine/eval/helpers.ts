/**
 * Golden-test helpers: evaluate SPL eval / search text (parsed by spl/parse.ts) against an event.
 */
import { parseEvalExpression, parseSearchExpression } from '../../../harness/spl/parse.js';
import { compileEval, toFieldValue } from '../../../harness/engine/eval.js';
import type { EvalValue } from '../../../harness/engine/eval.js';
import { compileSearch } from '../../../harness/engine/match.js';
import type { Event } from '../../../harness/engine/types.js';

/** A fixed "now": 2024-01-15T12:34:56Z. */
export const NOW = 1705322096;

export function evalText(text: string, event: Event = {}): EvalValue {
  const { expr, errors } = parseEvalExpression(text);
  if (!expr || errors.length) throw new Error(`parse error in ${text}: ${errors.map((e) => e.message).join('; ')}`);
  return compileEval(expr)(event, { now: NOW });
}

/** What `eval x=<text>` would store. */
export function assigned(text: string, event: Event = {}) {
  return toFieldValue(evalText(text, event));
}

export function searchText(text: string, event: Event): boolean {
  const { expr, errors } = parseSearchExpression(text);
  if (!expr || errors.length) throw new Error(`parse error in ${text}: ${errors.map((e) => e.message).join('; ')}`);
  return compileSearch(expr)(event);
}
