/**
 * Questions about a search that lint, `--changed`, coverage and the runner's filter check ask,
 * answered here from the SPL front end (lexer, macro scanner, parser, walker) so that no other
 * layer reads SPL by regular expression or string slicing:
 * - the top-level commands of a search as written, and its last command;
 * - the filter macro (`<name>_filter`) and whether it is the last command;
 * - the lookups and data model datasets a search (or a macro definition) names;
 * - whether a field name is named in the text.
 * The searches asked about are usually unexpanded (macro calls in place, as the author wrote
 * them); parse problems then are not this module's to report, so each answer is what can be read.
 */
import type { Pipeline } from './ast.js';
import { syntaxOf } from './grammar.js';
import { escapeRegex } from '../common/text.js';
import { commandEnd } from './lexer.js';
import { scanMacroCalls, type MacroCall } from './macros.js';
import { parseSearch } from './parse.js';
import { pipelineNode, walk } from './walk.js';

export type { MacroCall };
export { scanMacroCalls as macroCalls };

/** A slice of the search text with its offsets. */
export interface TextSegment {
  text: string;
  start: number;
  end: number;
}

/** Removes ```comments``` (they are not commands). */
export function stripComments(text: string): string {
  return text.replace(/```[\s\S]*?(```|$)/g, ' ');
}

/**
 * The commands of the top-level pipeline as written (pipes inside [subsearches], quotes or
 * comments do not split; a stray `]` does not end a command). A command that is only a comment
 * has empty text.
 */
export function topLevelCommands(search: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const push = (start: number, end: number) => {
    const raw = search.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = stripComments(raw).trim() === '' ? '' : raw.trim();
    segments.push({ text, start: start + lead, end: start + lead + text.length });
  };
  let start = 0;
  let from = 0;
  for (;;) {
    const end = commandEnd(search, from, search.length);
    if (end < search.length && search[end] === ']') {
      from = end + 1;
      continue;
    }
    push(start, end);
    if (end >= search.length) break;
    start = from = end + 1;
  }
  return segments;
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

/** Where a search's filter macro is, and whether it is the search's last command. */
export interface FilterMacro {
  /** The last `*_filter` macro call, when there is one, and its text. */
  call?: MacroCall;
  callText?: string;
  /** True when that call, after a `|`, is the whole last command (comments aside). */
  isLast: boolean;
  /** True when the last command is `search <the call>` (which searches for the word 'search'). */
  wrappedInSearch: boolean;
  /** The search before the `|` that leads to the filter call (only when `isLast`). */
  before?: string;
  /** The last command as written, comments removed, for messages. */
  lastCommand?: string;
}

/**
 * The filter macro of a detection's search. ESCU ends every search with `| \`<name>_filter\``
 * so that a site can tune the results; whether it is last is decided here, once, for both the
 * lint rule and the runner's filter check.
 */
export function filterMacro(search: string): FilterMacro {
  const calls = scanMacroCalls(search);
  const filters = calls.filter((c) => c.name.endsWith('_filter'));
  const last = lastCommand(search)?.text;
  const call = filters[filters.length - 1];
  if (!call) return { isLast: false, wrappedInSearch: false, lastCommand: last };
  const callText = search.slice(call.start, call.end);
  const before = search.slice(0, call.start).trimEnd();
  const isLast = last === callText && before.endsWith('|');
  const wrappedInSearch = !isLast && last !== undefined && /^search\s/i.test(last) && last.slice(6).trim() === callText;
  const found: FilterMacro = { call, callText, isLast, wrappedInSearch, lastCommand: last };
  if (isLast) found.before = before.slice(0, -1).trimEnd();
  return found;
}

/** A lookup table named by `lookup`, `inputlookup` or `outputlookup`. */
export interface LookupReference {
  command: 'lookup' | 'inputlookup' | 'outputlookup';
  name: string;
}

const parsed = new Map<string, Pipeline>();

/** The parsed pipeline of a text, errors and all (a few texts are asked about repeatedly). */
function pipelineOf(text: string): Pipeline {
  let p = parsed.get(text);
  if (!p) {
    p = parseSearch(text).pipeline;
    if (parsed.size > 256) parsed.clear();
    parsed.set(text, p);
  }
  return p;
}

/**
 * Every lookup named by a lookup command, at any depth (subsearches included), in order. Names
 * holding a `$token$` are left out: they are filled in at run time.
 */
export function lookupReferences(text: string): LookupReference[] {
  const refs: LookupReference[] = [];
  walk(pipelineNode(pipelineOf(text)), (n) => {
    if (n.kind !== 'command') return;
    const c = n.node;
    if ((c.cmd === 'lookup' || c.cmd === 'inputlookup' || c.cmd === 'outputlookup') && !c.lookup.includes('$')) refs.push({ command: c.cmd, name: c.lookup });
  });
  return refs;
}

/** The data model datasets a text reads (`tstats ... from datamodel=X.Y`, `from datamodel:X.Y`), in order. */
export function datamodelReferences(text: string): string[] {
  const names: string[] = [];
  walk(pipelineNode(pipelineOf(text)), (n) => {
    if (n.kind === 'command') for (const name of syntaxOf(n.node)?.datamodels?.(n.node) ?? []) if (!names.includes(name)) names.push(name);
  });
  return names;
}

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
  const re = new RegExp(`(^|[^A-Za-z0-9_])${escapeRegex(field)}($|[^A-Za-z0-9_])`);
  return re.test(searchText);
}
