/**
 * commands(X): the commands used in search string X, as a multivalue ("returns a multivalued
 * field containing a list of the commands used in X"). The search is split as the SPL front end
 * splits it (spl/query.ts); the leading implicit search counts as `search`.
 */
import type { Scalar } from '../types.js';
import { eager, fromList, text } from './helpers.js';
import type { EvalFunction } from './types.js';
import { topLevelCommands } from '../../spl/query.js';

function commandNames(search: string): Scalar[] {
  const names: Scalar[] = [];
  topLevelCommands(search).forEach((piece, index) => {
    const word = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(piece.text)?.[1];
    if (index === 0 && !piece.text) return;
    if (index === 0 && (!word || !/^search$/i.test(word))) names.push('search');
    else if (word) names.push(word.toLowerCase());
  });
  return names;
}

export const commandsFunction: EvalFunction = eager('commands', 1, 1, ([x]) => {
  const s = text(x);
  return s === null ? null : fromList(commandNames(s));
});
