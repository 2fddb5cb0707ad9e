/**
 * The typed AST of an SPL search. Produced by `spl/parse.ts`, consumed by `engine/`, `lint/`
 * and `runner/`. Offsets (`Span`) are character offsets into the *expanded* search text;
 * `spl/macros.ts` maps them back to the macro definition or the call site.
 *
 * Commands are a union tagged by `cmd`. `name` keeps the spelling used in the search
 * (`bucket` for a `bin` command, `eventstats` for a stats-like one). Every command also
 * keeps its raw argument text, so an unsupported one can still be named and rendered.
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

export type EvalBinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '.'
  | '=' | '==' | '!=' | '<' | '>' | '<=' | '>='
  | 'AND' | 'OR' | 'XOR' | 'LIKE';

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

export interface FieldRename {
  from: string;
  to: string;
}

/** A `key=value` option, e.g. `summariesonly=true`, `max_match=0`. */
export type Options = Record<string, string>;

// ---------------------------------------------------------------- commands

interface Base {
  /** The command name as written (lower-cased). */
  name: string;
  /** The argument text as written after the command name. */
  raw: string;
  span: Span;
}

export interface SearchCommand extends Base { cmd: 'search'; expr: SearchExpr | null }
export interface WhereCommand extends Base { cmd: 'where'; expr: EvalExpr }
export interface EvalCommand extends Base { cmd: 'eval'; assignments: Array<{ field: string; expr: EvalExpr }> }
export interface StatsCommand extends Base {
  cmd: 'stats';
  /** 'stats' | 'eventstats' | 'streamstats' */
  name: string;
  options: Options;
  aggregations: Aggregation[];
  by: string[];
}
export interface TstatsCommand extends Base {
  cmd: 'tstats';
  options: Options;
  aggregations: Aggregation[];
  /** `Endpoint.Processes` from `from datamodel=Endpoint.Processes`. */
  datamodel?: string;
  /** `nodename=...` when given. */
  nodename?: string;
  where: SearchExpr | null;
  by: string[];
  /** `span=1h` after `by _time`. */
  timeSpan?: string;
}
export interface FromCommand extends Base { cmd: 'from'; datamodel?: string; dataset: string }
export interface RenameCommand extends Base { cmd: 'rename'; renames: FieldRename[] }
export interface FieldsCommand extends Base { cmd: 'fields'; name: 'fields' | 'table'; remove: boolean; fields: string[] }
export interface RexCommand extends Base {
  cmd: 'rex';
  field: string; // default _raw
  regex: string;
  maxMatch: number; // default 1; 0 = unlimited
  mode?: 'sed';
  options: Options;
}
export interface RegexCommand extends Base { cmd: 'regex'; field: string; negated: boolean; regex: string }
export interface LookupCommand extends Base {
  cmd: 'lookup';
  lookup: string;
  options: Options;
  inputs: FieldRename[]; // from = lookup field, to = event field (`AS`)
  outputMode: 'OUTPUT' | 'OUTPUTNEW' | null;
  outputs: FieldRename[]; // from = lookup field, to = event field
}
export interface InputlookupCommand extends Base { cmd: 'inputlookup'; name: 'inputlookup'; lookup: string; options: Options; where: SearchExpr | null }
export interface OutputlookupCommand extends Base { cmd: 'outputlookup'; lookup: string; options: Options }
export interface SpathCommand extends Base { cmd: 'spath'; input?: string; output?: string; path?: string }
export interface MvexpandCommand extends Base { cmd: 'mvexpand'; field: string; limit?: number }
export interface MakemvCommand extends Base { cmd: 'makemv'; field: string; delim?: string; tokenizer?: string; options: Options }
export interface BinCommand extends Base { cmd: 'bin'; field: string; as?: string; options: Options }
export interface DedupCommand extends Base { cmd: 'dedup'; fields: string[]; count: number; options: Options; sortby: SortKey[] }
export interface SortKey { field: string; desc: boolean; as?: 'auto' | 'str' | 'num' | 'ip' }
export interface SortCommand extends Base { cmd: 'sort'; limit?: number; keys: SortKey[] }
export interface HeadCommand extends Base { cmd: 'head'; name: 'head' | 'tail'; count: number; expr?: EvalExpr }
export interface FillnullCommand extends Base { cmd: 'fillnull'; value: string; fields: string[] }
export interface JoinCommand extends Base { cmd: 'join'; options: Options; fields: string[]; subsearch: Pipeline }
export interface AppendCommand extends Base { cmd: 'append'; options: Options; subsearch: Pipeline }
export interface AppendpipeCommand extends Base { cmd: 'appendpipe'; subsearch: Pipeline }
export interface IplocationCommand extends Base { cmd: 'iplocation'; field: string; options: Options }
export interface XmlkvCommand extends Base { cmd: 'xmlkv'; field?: string; options: Options }
export interface TransactionCommand extends Base { cmd: 'transaction'; fields: string[]; options: Options }
export interface ConvertCommand extends Base {
  cmd: 'convert';
  timeformat?: string;
  conversions: Array<{ func: string; field: string; as?: string }>;
}
export interface ForeachCommand extends Base { cmd: 'foreach'; fields: string[]; options: Options; template: string }
export interface ReplaceCommand extends Base { cmd: 'replace'; replacements: Array<{ from: string; to: string }>; fields: string[] }
export interface FromjsonCommand extends Base { cmd: 'fromjson'; field: string; options: Options }
export interface MakeresultsCommand extends Base { cmd: 'makeresults'; options: Options }
export interface TimechartCommand extends Base { cmd: 'timechart'; options: Options; aggregations: Aggregation[]; by: string[] }
export interface AddtotalsCommand extends Base { cmd: 'addtotals'; options: Options; fields: string[] }

/** Any command the parser does not type: its name and argument tokens as written. */
export interface GenericCommand extends Base { cmd: 'generic'; args: string[] }

export type Command =
  | SearchCommand | WhereCommand | EvalCommand | StatsCommand | TstatsCommand | FromCommand
  | RenameCommand | FieldsCommand | RexCommand | RegexCommand | LookupCommand | InputlookupCommand
  | OutputlookupCommand | SpathCommand | MvexpandCommand | MakemvCommand | BinCommand | DedupCommand
  | SortCommand | HeadCommand | FillnullCommand | JoinCommand | AppendCommand | AppendpipeCommand
  | IplocationCommand | XmlkvCommand | TransactionCommand | ConvertCommand | ForeachCommand
  | ReplaceCommand | FromjsonCommand | MakeresultsCommand | TimechartCommand | AddtotalsCommand
  | GenericCommand;

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
