/**
 * The eval function registry: every function the engine evaluates, by lower-case name.
 * Coverage uses `supportedFunctions()`: a detection calling a function not listed here is
 * reported unsupported.
 */
import { compareFunctions, makeSearchmatch } from './compare.js';
import { parseSearchExpression } from '../../spl/parse.js';
import { compileSearch } from '../match.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { jsonFunctions } from './json.js';
import { mathFunctions } from './math.js';
import { multivalueFunctions } from './multivalue.js';
import { networkFunctions } from './network.js';
import { textFunctions } from './text.js';
import { timeFunctions } from './time.js';
import { commandsFunction } from './commands.js';
import { trigFunctions } from './trig.js';
import { bitwiseFunctions } from './bitwise.js';
import type { EvalFunction } from './types.js';

export type { EvalFunction, EvalValue, EvalContext, CompiledEval } from './types.js';
export { EvalError } from './types.js';

/** searchmatch("..."): the search string compiled with the search-command matcher. */
function searchPredicate(text: string) {
  const { expr, errors } = parseSearchExpression(text);
  if (errors.length) return undefined;
  return expr ? compileSearch(expr) : () => true;
}

/** The functions by family, named as the Search Reference groups them (docs/ENGINE.md lists them so). */
export const functionFamilies: ReadonlyArray<{ family: string; functions: EvalFunction[] }> = [
  { family: 'Bitwise', functions: bitwiseFunctions },
  { family: 'Comparison and Conditional', functions: [...compareFunctions, makeSearchmatch(searchPredicate)] },
  { family: 'Conversion and Informational', functions: conversionFunctions },
  { family: 'Cryptographic', functions: cryptoFunctions },
  { family: 'Date and Time', functions: timeFunctions },
  { family: 'JSON and spath', functions: jsonFunctions },
  { family: 'Mathematical and Statistical', functions: mathFunctions },
  { family: 'Multivalue', functions: [...multivalueFunctions, commandsFunction] },
  { family: 'Network (ipmask)', functions: networkFunctions },
  { family: 'Text', functions: textFunctions },
  { family: 'Trig and Hyperbolic', functions: trigFunctions },
];

export const functions: Map<string, EvalFunction> = new Map(functionFamilies.flatMap((f) => f.functions).map((f) => [f.name, f]));

/** Names of the supported eval functions, sorted. */
export function supportedFunctions(): string[] {
  return [...functions.keys()].sort();
}
