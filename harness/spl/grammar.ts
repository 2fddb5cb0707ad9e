/**
 * The neutral registry of SPL commands: what the SPL layer (parser, renderer, walker, static
 * analyses) needs to know about each command, filled once by the command modules.
 *
 * A command lives in one module under `engine/commands/` that holds its syntax, its rendering,
 * its operator and its metadata (see docs/ENGINE.md). The modules sit above both `spl/` and the
 * evaluation core of `engine/`, because a command's parser uses the SPL parsing kit and its
 * operator uses the engine's values. `spl/` must not import them, so the command registry
 * (`engine/commands/index.ts`) installs each command's syntax here when it is loaded, and the
 * parser, the renderer, the walker, the output-field analysis and the pre-filter read it from here.
 * Reading before the registry is installed is a programming error, reported loudly.
 */
import type { Command, EvalExpr, Pipeline, SearchExpr, Span } from './ast.js';
import type { ArgReader } from './args.js';

/** What every parsed command starts from: its name as written, its argument text and its span. */
export interface CommandBase {
  name: string;
  raw: string;
  span: Span;
}

/** A child of an AST node, tagged with its kind so a walker can tell eval from search `in`. */
export type Node =
  { kind: 'pipeline'; node: Pipeline } | { kind: 'command'; node: Command } | { kind: 'search'; node: SearchExpr } | { kind: 'eval'; node: EvalExpr };

/** Which fields a search's results can carry (see spl/output-fields.ts). */
export interface OutputFields {
  /** False when the results may carry fields not listed (the analysis knows only part of them). */
  closed: boolean;
  fields: Set<string>;
}

export interface CommandSyntax<C extends Command = Command> {
  /** The AST node kind the parser produces for this command. */
  cmd: C['cmd'];
  /** Reads the arguments after the command name; throws ParseFailure on malformed arguments. */
  parse(r: ArgReader, base: CommandBase): C;
  /** The command as canonical SPL text, name included. */
  render(c: C): string;
  /** The nodes directly under the command, for the walker (spl/walk.ts). */
  children?(c: C): Node[];
  /**
   * Generating command (Search Manual, "About subsearches"): the first command of a subsearch
   * may be one without its leading `|`.
   */
  generating?: boolean;
  /**
   * True when the command reads events other than those reaching it (tstats, from, join,
   * append, map...). The pre-filter may only narrow the events of the first command when no
   * later command reads events of its own.
   */
  readsEvents?: boolean;
  /** The data model datasets the command reads (`Endpoint.Processes`), for support and queries. */
  datamodels?(c: C): string[];
  /** The lookup tables the command reads by name (not those it writes). */
  lookups?(c: C): string[];
  /** The fields the results can carry after this command, given those before it; absent: unknown. */
  outputFields?(before: OutputFields, c: C): OutputFields;
  /**
   * Pipelines the command runs that are only known as text (a `map` search, a `foreach`
   * template), parsed with sample values in place of their tokens; for the support check.
   */
  templates?(c: C): Pipeline[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySyntax = CommandSyntax<any>;

const grammar = new Map<string, AnySyntax>();

/** Registers the syntax of each command name; called once, by engine/commands/index.ts. */
export function installGrammar(entries: Iterable<readonly [string, AnySyntax]>): void {
  for (const [name, syntax] of entries) {
    if (grammar.has(name) && grammar.get(name) !== syntax) throw new Error(`command '${name}' registered twice`);
    grammar.set(name, syntax);
  }
}

function ensureInstalled(): void {
  if (grammar.size === 0) throw new Error('SPL commands are not registered: import harness/engine/commands/index.js first');
}

/** The syntax registered for a command name as written (lower-cased), or undefined. */
export function syntaxForName(name: string): CommandSyntax | undefined {
  ensureInstalled();
  return grammar.get(name.toLowerCase());
}

/** The syntax of a parsed command, when the parser typed it as its registered node kind. */
export function syntaxOf<C extends Command>(command: C): CommandSyntax<C> | undefined {
  const s = syntaxForName(command.name);
  return s && s.cmd === command.cmd ? (s as CommandSyntax<C>) : undefined;
}

/** Every registered command name. */
export function commandNames(): string[] {
  ensureInstalled();
  return [...grammar.keys()].sort();
}
