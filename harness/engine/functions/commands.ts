/**
 * commands(X): the commands used in search string X, as a multivalue ("returns a multivalued
 * field containing a list of the commands used in X"). Pipes inside quotes or brackets do not
 * split commands; the leading implicit search counts as `search`.
 */
import type { Scalar } from '../types.js';
import { eager, fromList, text } from './helpers.js';
import type { EvalFunction } from './types.js';

function commandNames(search: string): Scalar[] {
  const pieces: string[] = [];
  let current = '';
  let quote = false;
  let depth = 0;
  for (let i = 0; i < search.length; i++) {
    const ch = search[i];
    if (ch === '\\' && quote) {
      current += ch + (search[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quote = !quote;
    else if (!quote && ch === '[') depth++;
    else if (!quote && ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '|' && !quote && depth === 0) {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  const names: Scalar[] = [];
  pieces.forEach((piece, index) => {
    const word = /^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(piece)?.[1];
    if (index === 0 && !piece.trim()) return;
    if (index === 0 && (!word || !/^search$/i.test(word))) names.push('search');
    else if (word) names.push(word.toLowerCase());
  });
  return names;
}

export const commandsFunction: EvalFunction = eager('commands', 1, 1, ([x]) => {
  const s = text(x);
  return s === null ? null : fromList(commandNames(s));
});
