/**
 * The typed AST of an SPL search. Produced by `spl/parse.ts`, consumed by `engine/`, `lint/`
 * and `runner/`. Offsets (`Span`) are character offsets into the *expanded* search text;
 * `spl/macros.ts` maps them back to the macro definition or the call site.
 *
 * Commands are a union tagged by `cmd` (see CommandNodes). `name` keeps the spelling used in
 * the search (`bucket` for a `bin` command, `eventstats` for a stats-like one). Every command
 * also keeps its raw argument text, so an unsupported one can still be named and rendered.
 */

export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- search expressions

/** A value as written in a search expression; `text` has SPL escapes resolved, `*` wildcards kept. */
export interface SearchValue {
  text: string;
  quoted: boolean;
}

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type SearchExpr =
  | { type: 'and'; items: SearchExpr[]; span: Span }
  | { type: 'or'; items: SearchExpr[]; span: Span }
  | { type: 'not'; expr: SearchExpr; span: Span }
  | { type: 'compare'; field: string; op: CompareOp; value: SearchValue; span: Span }
  | { type: 'in'; field: string; values: SearchValue[]; span: Span }
  /**
   * A bare term matched against `_raw`, e.g. `failed` or `"*powershell*"`. `directive` is set for
   * `TERM(x)` (match x as one indexed term) and `CASE(x)` (match case-sensitively).
   */
  | { type: 'term'; value: SearchValue; directive?: 'TERM' | 'CASE'; span: Span }
  /** A subsearch used as a search term: `[ search ... | fields x ]`. */
  | { type: 'subsearch'; pipeline: Pipeline; span: Span };

// ---------------------------------------------------------------- eval expressions

export type EvalBinaryOp = '+' | '-' | '*' | '/' | '%' | '.' | '=' | '==' | '!=' | '<' | '>' | '<=' | '>=' | 'AND' | 'OR' | 'XOR' | 'LIKE';

export type EvalExpr =
  | { type: 'string'; value: string; span: Span }
  | { type: 'number'; value: number; raw: string; span: Span }
  /** A field reference: bare (`process_name`), dotted, or single-quoted (`'Processes.dest'`). */
  | { type: 'field'; name: string; span: Span }
  /** A function call; `name` is lower-cased. */
  | { type: 'call'; name: string; args: EvalExpr[]; span: Span }
  | { type: 'binary'; op: EvalBinaryOp; left: EvalExpr; right: EvalExpr; span: Span }
  | { type: 'unary'; op: 'NOT' | '-' | '+'; expr: EvalExpr; span: Span }
  /** `x IN ("a", "b")` in `where` / `eval`; `negated` for `NOT x IN (...)` spelled as one node. */
  | { type: 'in'; expr: EvalExpr; list: EvalExpr[]; span: Span };

// ---------------------------------------------------------------- shared pieces

/** An aggregation in stats / eventstats / streamstats / tstats / timechart. */
export interface Aggregation {
  /** Lower-cased function name: count, dc, distinct_count, values, list, min, max, avg, sum, earliest, latest, first, last, perc95, ... */
  func: string;
  /** The field argument, when it is a field (`values(process)`). */
  field?: string;
  /** The argument when it is `eval(...)`: `count(eval(x>1))`. */
  evalArg?: EvalExpr;
  /** Output name given with `as`; otherwise Splunk's default, e.g. `values(process)`, `count`. */
  as?: string;
  span: Span;
}

/** A sort key of sort and dedup's `sortby`: `-num(x)` is { field: 'x', desc: true, as: 'num' }. */
export interface SortKey {
  field: string;
  desc: boolean;
  as?: 'auto' | 'str' | 'num' | 'ip';
}

export interface FieldRename {
  from: string;
  to: string;
}

/** A `key=value` option, e.g. `summariesonly=true`, `max_match=0`. */
export type Options = Record<string, string>;

// ---------------------------------------------------------------- commands

/** What every command node carries. */
export interface CommandNodeBase {
  /** The command name as written (lower-cased). */
  name: string;
  /** The argument text as written after the command name. */
  raw: string;
  span: Span;
}

/** Any command the parser does not type: its name and argument tokens as written. */
export interface GenericCommand extends CommandNodeBase {
  cmd: 'generic';
  args: string[];
}

/**
 * The command node kinds, keyed by their `cmd` tag. Each command module (engine/commands/)
 * declares its own node and adds it here by declaration merging
 * (`declare module '../../spl/ast.js' { interface CommandNodes { rex: RexCommand } }`), so the
 * union below is closed for the compiler yet a new command is written in its one file.
 */
export interface CommandNodes {
  generic: GenericCommand;
}

export type Command = CommandNodes[keyof CommandNodes];

export interface Pipeline {
  /** The first command is a `search` when the search starts without `|`. */
  commands: Command[];
  span: Span;
}

/** A parse problem at an offset of the expanded text. */
export interface SplError {
  message: string;
  span: Span;
}
