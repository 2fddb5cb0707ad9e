/**
 * Reading the argument tokens of a command the parser leaves generic: `key = value` triples are
 * options, everything else a positional word; quoted tokens are unquoted with SPL's escapes.
 */

export function unquote(token: string): string {
  if (token.length >= 2 && token.startsWith('"') && token.endsWith('"')) return token.slice(1, -1).replace(/\\(["\\])/g, '$1');
  return token;
}

export interface GenericArgs {
  options: Record<string, string>;
  words: string[];
}

export function readGenericArgs(args: string[]): GenericArgs {
  const options: Record<string, string> = {};
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i + 1] === '=' && i + 2 < args.length) {
      options[args[i].toLowerCase()] = unquote(args[i + 2]);
      i += 2;
    } else words.push(unquote(args[i]));
  }
  return { options, words };
}
