/**
 * AST → SPL text. The output is canonical (one spacing, parentheses only where precedence
 * needs them) and parses back to the same AST, spans and raw argument text aside. Each command
 * renders itself (its module's `render`); this module holds the pieces they share.
 */
import type { Aggregation, Command, EvalExpr, GenericCommand, Options, Pipeline, SearchExpr, SearchValue, SortKey } from './ast.js';
import { syntaxOf } from './grammar.js';
import { assertNever } from './walk.js';

const KEYWORDS = new Set(['AND', 'OR', 'NOT']);
const EVAL_KEYWORDS = new Set(['AND', 'OR', 'NOT', 'XOR', 'LIKE', 'IN']);

/**
 * Escapes a backslash only where the parser would read it as an escape (before `\`, `"`, the
 * end, and `|` in search text), so `\d` stays `\d` and `C:\\x` round-trips.
 */
function escapeBackslashes(text: string, pipes: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '"') out += '\\"';
    else if (c === '\\' && (n === undefined || n === '\\' || n === '"' || (pipes && n === '|'))) out += '\\\\';
    else if (c === '|' && pipes) out += '\\|';
    else out += c;
  }
  return out;
}

export const quote = (text: string, pipes = true): string => `"${escapeBackslashes(text, pipes)}"`;

/** A word the search lexer reads back as one token. */
const BARE_WORD = /^[^\s()[\]"=<>,|`!]+$/;

/** A field name or value in a command's arguments: bare when safe, quoted otherwise. */
export function renderWord(text: string): string {
  if (text !== '' && BARE_WORD.test(text) && !KEYWORDS.has(text) && !/^[+-]/.test(text)) return text.replace(/\\/g, '\\\\');
  return quote(text);
}

export function renderOptionValue(v: string): string {
  if (v !== '' && /^[^\s()[\]"|`,]+$/.test(v)) return v.replace(/\\/g, '\\\\');
  if (/^\(.*\)$/s.test(v)) return v; // a parenthesised value (`startswith=(x=1)`) is kept as written
  return quote(v);
}

export function renderOptions(o: Options): string[] {
  return Object.entries(o).map(([k, v]) => `${k}=${renderOptionValue(v)}`);
}

// ---------------------------------------------------------------- search expressions

function renderValue(v: SearchValue): string {
  if (v.quoted) return quote(v.text);
  return escapeBackslashes(v.text, true).replace(/\\"/g, '\\"');
}

export function renderSearchExpr(e: SearchExpr): string {
  switch (e.type) {
    case 'and':
      return e.items.map((i) => (i.type === 'and' ? `(${renderSearchExpr(i)})` : renderSearchExpr(i))).join(' ');
    case 'or':
      return e.items.map((i) => (i.type === 'and' || i.type === 'or' ? `(${renderSearchExpr(i)})` : renderSearchExpr(i))).join(' OR ');
    case 'not':
      return `NOT ${e.expr.type === 'and' || e.expr.type === 'or' ? `(${renderSearchExpr(e.expr)})` : renderSearchExpr(e.expr)}`;
    case 'compare':
      return `${renderWord(e.field)}${e.op}${renderValue(e.value)}`;
    case 'in':
      return `${renderWord(e.field)} IN (${e.values.map(renderValue).join(', ')})`;
    case 'term':
      return e.directive ? `${e.directive}(${renderValue(e.value)})` : renderValue(e.value);
    case 'subsearch':
      return `[${renderPipeline(e.pipeline)}]`;
    default:
      return assertNever(e);
  }
}

// ---------------------------------------------------------------- eval expressions

const BINARY_PREC: Record<string, number> = {
  OR: 1,
  XOR: 2,
  AND: 3,
  '=': 5,
  '==': 5,
  '!=': 5,
  '<': 5,
  '>': 5,
  '<=': 5,
  '>=': 5,
  LIKE: 5,
  '+': 6,
  '-': 6,
  '.': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};

function precOf(e: EvalExpr): number {
  if (e.type === 'binary') return BINARY_PREC[e.op];
  if (e.type === 'in') return 5;
  if (e.type === 'unary') return e.op === 'NOT' ? 4 : 8;
  return 9;
}

/** A field name eval reads bare (lexer.ts scanIdent); any other name is single-quoted (`'a.b'`). */
const EVAL_FIELD = /^[A-Za-z_@][A-Za-z0-9_@]*(?:\{\}[A-Za-z0-9_@]*)*$/;

function renderEvalField(name: string): string {
  if (EVAL_FIELD.test(name) && !EVAL_KEYWORDS.has(name.toUpperCase()) && !/\.$/.test(name)) return name;
  return `'${name}'`;
}

export function renderEvalExpr(e: EvalExpr): string {
  const wrap = (child: EvalExpr, min: number) => (precOf(child) < min ? `(${renderEvalExpr(child)})` : renderEvalExpr(child));
  switch (e.type) {
    case 'string':
      return quote(e.value, false);
    case 'number':
      return e.raw;
    case 'field':
      return renderEvalField(e.name);
    case 'call':
      return `${e.name}(${e.args.map(renderEvalExpr).join(', ')})`;
    case 'in':
      return `${wrap(e.expr, 6)} IN (${e.list.map(renderEvalExpr).join(', ')})`;
    case 'unary':
      if (e.op === 'NOT') return `NOT ${wrap(e.expr, 5)}`;
      return `${e.op}${e.expr.type === 'unary' || e.expr.type === 'number' ? ' ' : ''}${wrap(e.expr, 8)}`;
    case 'binary': {
      const p = BINARY_PREC[e.op];
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    default:
      return assertNever(e);
  }
}

// ---------------------------------------------------------------- commands

export function renderAggregation(a: Aggregation): string {
  let call = a.func;
  if (a.evalArg) call += `(eval(${renderEvalExpr(a.evalArg)}))`;
  else if (a.field !== undefined) call += `(${a.field})`;
  return a.as === undefined || a.as === call ? call : `${call} as ${renderWord(a.as)}`;
}

export const renderList = (fields: string[]) => fields.map(renderWord).join(', ');

export function renderSortKey(k: SortKey): string {
  const inner = k.as ? `${k.as}(${renderWord(k.field)})` : renderWord(k.field);
  return k.desc ? (inner.startsWith('"') ? `- ${inner}` : `-${inner}`) : inner;
}

/** The non-empty parts joined by one space. */
export const joinParts = (...parts: Array<string | undefined | null | false>) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');

/** A command kept as its name and argument tokens. */
export const renderGeneric = (c: GenericCommand): string => (c.name === '' ? c.raw : joinParts(c.name, ...c.args));

function renderCommand(c: Command): string {
  if (c.cmd === 'generic') return renderGeneric(c);
  const syntax = syntaxOf(c);
  if (!syntax) throw new Error(`no syntax registered for a '${c.cmd}' command named '${c.name}'`);
  return syntax.render(c);
}

/**
 * SPL text for a pipeline. A leading search is written as `search ...`; any other first command
 * gets a leading `|` unless `firstIsCommand` (an appendpipe subpipeline).
 */
export function renderPipeline(p: Pipeline, firstIsCommand = false): string {
  return p.commands.map((c, i) => (i === 0 && (c.cmd === 'search' || firstIsCommand) ? renderCommand(c) : `| ${renderCommand(c)}`)).join(' ');
}
