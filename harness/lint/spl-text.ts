/**
 * Light-weight views of SPL text for lint rules: which command is last, which lookups are named,
 * whether a field name appears. These work on the raw search text, which is exact enough for
 * linting and much cheaper than a full parse of 1,700 searches.
 *
 * Two constructs hide text from SPL's command structure, and every helper here respects them:
 * quoted strings ("a | b" is not a pipe) and triple-backtick comments (```a | b```).
 */

/** A slice of the search text with its offsets. */
export interface TextSegment {
  text: string;
  start: number;
  end: number;
}

/**
 * Replaces the inside of quoted strings and ```comments``` with spaces, keeping offsets, so
 * structural characters (`|`, `[`, `]`) inside them are not mistaken for syntax.
 * Comment markers themselves are blanked too; string quotes are kept.
 */
export function maskLiterals(text: string): string {
  // Most SPL has no literal at all in some commands; only rebuild the text when needed.
  if (!/["`\\]/.test(text)) return text;
  let out = '';
  let copied = 0; // text before this offset is already in `out`
  const blank = (from: number, to: number) => {
    out += text.slice(copied, from) + text.slice(from, to).replace(/[^\n]/g, ' ');
    copied = to;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 96 /* ` */ && text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      const end = close < 0 ? text.length : close + 3;
      blank(i, end);
      i = end;
    } else if (c === 92 /* \ */) {
      i += 2; // an escaped character outside a string (`\"` is a literal quote, not a string start)
    } else if (c === 34 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      blank(i + 1, Math.min(j, text.length));
      i = j + 1;
    } else i++;
  }
  return out + text.slice(copied);
}

/** The commands of the top-level pipeline (pipes inside [subsearches], quotes or comments do not split). */
export function topLevelCommands(search: string): TextSegment[] {
  const masked = maskLiterals(search);
  const segments: TextSegment[] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const raw = search.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = masked.slice(start, end).trim() === '' ? '' : raw.trim();
    segments.push({ text, start: start + lead, end: start + lead + text.length });
  };
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '|' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(masked.length);
  return segments;
}

/** Removes ```comments``` (they are not commands). */
export function stripComments(text: string): string {
  return text.replace(/```[\s\S]*?(```|$)/g, ' ');
}

/** The last top-level command that is not empty once comments are removed. */
export function lastCommand(search: string): TextSegment | undefined {
  const commands = topLevelCommands(search);
  for (let i = commands.length - 1; i >= 0; i--) {
    const cleaned = stripComments(commands[i].text).trim();
    if (cleaned !== '') return { ...commands[i], text: cleaned };
  }
  return undefined;
}

/** A lookup table named by `lookup`, `inputlookup` or `outputlookup`. */
export interface LookupReference {
  command: 'lookup' | 'inputlookup' | 'outputlookup';
  name: string;
  /** Offset of the name in the text. */
  offset: number;
}

/**
 * Every lookup named by a lookup command, at any depth (subsearches included). The table name is
 * the first argument that is not an `option=value` pair, as in each command's documented syntax
 * (`lookup [local=bool] [update=bool] <lookup-table-name> ...`, `inputlookup [append=bool] ...
 * <filename> | <tablename>`, `outputlookup [append=bool] ... <filename> | <tablename>`).
 */
export function lookupReferences(text: string): LookupReference[] {
  const masked = maskLiterals(text);
  const refs: LookupReference[] = [];
  const re = /(^|[|[])\s*(lookup|inputlookup|outputlookup)\b/g;
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    let i = m.index + m[0].length;
    // Walk the arguments up to the end of the command.
    while (i < masked.length) {
      while (i < masked.length && /\s/.test(masked[i])) i++;
      if (i >= masked.length || masked[i] === '|' || masked[i] === ']') break;
      let j = i;
      while (j < masked.length && !/[\s|\]]/.test(masked[j])) j++;
      const token = text.slice(i, j);
      if (/^[A-Za-z_]+\s*=/.test(token) || /^[A-Za-z_]+=?$/.test(token) && masked[j] === '=') {
        i = j;
        continue;
      }
      const name = token.replace(/^"(.*)"$/, '$1');
      if (name && !name.includes('$')) refs.push({ command: m[2] as LookupReference['command'], name, offset: i });
      break;
    }
  }
  return refs;
}

/** `$token$` names in a message or drilldown (Splunk's token syntax). */
export function dollarTokens(text: string): Array<{ name: string; offset: number }> {
  const out: Array<{ name: string; offset: number }> = [];
  const re = /\$([^\s$]+)\$/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ name: m[1], offset: m.index });
  return out;
}

/** `s` as a regular expression that matches it literally. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const wordCache = new Map<string, Set<string>>();

/** The identifier-like words of a text (split at every character that cannot be in a field name). */
function words(text: string): Set<string> {
  let set = wordCache.get(text);
  if (!set) {
    set = new Set(text.split(/[^A-Za-z0-9_]+/));
    if (wordCache.size > 64) wordCache.clear(); // rules ask about the same few texts in a row
    wordCache.set(text, set);
  }
  return set;
}

/**
 * Whether `field` is named in the search text as a whole field name. A data-model-qualified
 * name counts (`Processes.dest` names `dest`, since `drop_dm_object_name` strips the prefix),
 * but a longer name does not (`user_id` does not name `user`).
 */
export function fieldAppears(field: string, searchText: string): boolean {
  if (!field) return false;
  if (/^[A-Za-z0-9_]+$/.test(field)) return words(searchText).has(field);
  const re = new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(field)}($|[^A-Za-z0-9_])`);
  return re.test(searchText);
}
