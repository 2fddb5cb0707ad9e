/**
 * The syntax of a command read from its tokens (lib/generic-args.ts) that reads no events besides
 * those reaching it: unlike GENERIC_SYNTAX, it leaves the raw-text pre-filter on.
 */
import type { GenericCommand } from '../../../spl/ast.js';
import type { CommandSyntax } from '../../../spl/grammar.js';
import { GENERIC_SYNTAX } from '../../../spl/parse.js';

export const TOKEN_SYNTAX: CommandSyntax<GenericCommand> = { ...GENERIC_SYNTAX, readsEvents: false };

/** Positional words split at commas, as field lists are written (`a, b` or `a,b`). */
export const fieldWords = (words: string[]): string[] => words.flatMap((w) => w.split(',')).filter(Boolean);

/** `<field> [AS <newfield>]` from the positional words; `rest` is what follows. */
export function fieldAs(words: string[]): { field?: string; as?: string; rest: string[] } {
  const [field, maybeAs, as, ...rest] = words;
  if (maybeAs?.toLowerCase() === 'as' && as !== undefined) return { field, as, rest };
  return { field, rest: words.slice(1) };
}
