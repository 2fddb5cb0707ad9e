/**
 * AST → SPL text. The output is canonical (one spacing, parentheses only where precedence
 * needs them) and parses back to the same AST, spans and raw argument text aside.
 */
import type { Aggregation, Command, EvalExpr, Options, Pipeline, SearchExpr, SearchValue, SortKey } from './ast.js';

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

function renderOptionValue(v: string): string {
  if (v !== '' && /^[^\s()[\]"|`,]+$/.test(v)) return v.replace(/\\/g, '\\\\');
  if (/^\(.*\)$/s.test(v)) return v; // a parenthesised value (`startswith=(x=1)`) is kept as written
  return quote(v);
}

function renderOptions(o: Options): string[] {
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
  }
}

// ---------------------------------------------------------------- eval expressions

const BINARY_PREC: Record<string, number> = {
  OR: 1, XOR: 2, AND: 3,
  '=': 5, '==': 5, '!=': 5, '<': 5, '>': 5, '<=': 5, '>=': 5, LIKE: 5,
  '+': 6, '-': 6, '.': 6, '*': 7, '/': 7, '%': 7,
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
  }
}

// ---------------------------------------------------------------- commands

function renderAggregation(a: Aggregation): string {
  let call = a.func;
  if (a.evalArg) call += `(eval(${renderEvalExpr(a.evalArg)}))`;
  else if (a.field !== undefined) call += `(${a.field})`;
  return a.as === undefined || a.as === call ? call : `${call} as ${renderWord(a.as)}`;
}

const list = (fields: string[]) => fields.map(renderWord).join(', ');

function renderSortKey(k: SortKey): string {
  const inner = k.as ? `${k.as}(${renderWord(k.field)})` : renderWord(k.field);
  return k.desc ? (inner.startsWith('"') ? `- ${inner}` : `-${inner}`) : inner;
}

const join = (...parts: Array<string | undefined | null | false>) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');

function renderCommand(c: Command): string {
  switch (c.cmd) {
    case 'search':
      return join('search', c.expr ? renderSearchExpr(c.expr) : undefined);
    case 'where':
      return `where ${renderEvalExpr(c.expr)}`;
    case 'eval':
      return `eval ${c.assignments.map((a) => `${/^[^\s=,()"']+$/.test(a.field) ? a.field : quote(a.field, false)}=${renderEvalExpr(a.expr)}`).join(', ')}`;
    case 'stats':
    case 'timechart':
      return join(c.name, ...renderOptions(c.options), c.aggregations.map(renderAggregation).join(' '), c.by.length > 0 && `by ${list(c.by)}`);
    case 'tstats':
      return join(
        'tstats',
        ...renderOptions(c.options),
        c.aggregations.map(renderAggregation).join(' '),
        c.datamodel !== undefined && `from datamodel=${renderOptionValue(c.datamodel)}`,
        c.where && `where ${renderSearchExpr(c.where)}`,
        c.by.length > 0 && `by ${list(c.by)}`,
        c.timeSpan !== undefined && `span=${renderOptionValue(c.timeSpan)}`,
      );
    case 'from':
      return `from ${c.dataset}`;
    case 'rename':
      return `rename ${c.renames.map((r) => `${renderWord(r.from)} as ${renderWord(r.to)}`).join(', ')}`;
    case 'fields':
      return join(c.name, c.remove && '-', list(c.fields));
    case 'rex': {
      const opts: Options = {};
      if (c.field !== '_raw') opts.field = c.field;
      if (c.maxMatch !== 1) opts.max_match = String(c.maxMatch);
      if (c.mode) opts.mode = c.mode;
      return join('rex', ...renderOptions({ ...opts, ...c.options }), quote(c.regex, false));
    }
    case 'regex':
      return `regex ${c.field === '_raw' && !c.negated ? '' : `${renderWord(c.field)}${c.negated ? '!=' : '='}`}${quote(c.regex, false)}`;
    case 'lookup': {
      const pairs = (rs: Array<{ from: string; to: string }>) => rs.map((r) => (r.from === r.to ? renderWord(r.from) : `${renderWord(r.from)} as ${renderWord(r.to)}`)).join(', ');
      return join('lookup', ...renderOptions(c.options), renderWord(c.lookup), pairs(c.inputs), c.outputMode ?? undefined, c.outputMode ? pairs(c.outputs) : undefined);
    }
    case 'inputlookup':
      return join('inputlookup', ...renderOptions(c.options), renderWord(c.lookup), c.where && `where ${renderSearchExpr(c.where)}`);
    case 'outputlookup':
      return join('outputlookup', ...renderOptions(c.options), renderWord(c.lookup));
    case 'spath': {
      const o: Options = {};
      if (c.input !== undefined) o.input = c.input;
      if (c.output !== undefined) o.output = c.output;
      if (c.path !== undefined) o.path = c.path;
      return join('spath', ...renderOptions(o));
    }
    case 'mvexpand':
      return join('mvexpand', renderWord(c.field), c.limit !== undefined && `limit=${c.limit}`);
    case 'makemv': {
      const o: Options = {};
      if (c.delim !== undefined) o.delim = c.delim;
      if (c.tokenizer !== undefined) o.tokenizer = c.tokenizer;
      return join('makemv', ...renderOptions({ ...o, ...c.options }), renderWord(c.field));
    }
    case 'bin':
      return join(c.name, ...renderOptions(c.options), renderWord(c.field), c.as !== undefined && `as ${renderWord(c.as)}`);
    case 'dedup':
      return join('dedup', c.count !== 1 && String(c.count), ...renderOptions(c.options), list(c.fields), c.sortby.length > 0 && `sortby ${c.sortby.map(renderSortKey).join(', ')}`);
    case 'sort':
      return join('sort', c.limit !== undefined && String(c.limit), c.keys.map(renderSortKey).join(', '));
    case 'head':
      return join(c.name, c.expr ? `(${renderEvalExpr(c.expr)})` : String(c.count), c.expr && c.count !== 10 && `limit=${c.count}`);
    case 'fillnull':
      return join('fillnull', c.value !== '0' && `value=${renderOptionValue(c.value)}`, list(c.fields));
    case 'join':
      return join('join', ...renderOptions(c.options), list(c.fields), `[${renderPipeline(c.subsearch)}]`);
    case 'append':
      return join('append', ...renderOptions(c.options), `[${renderPipeline(c.subsearch)}]`);
    case 'appendpipe':
      return `appendpipe [${renderPipeline(c.subsearch, true)}]`;
    case 'iplocation':
      return join('iplocation', ...renderOptions(c.options), renderWord(c.field));
    case 'xmlkv':
      return join('xmlkv', c.field !== undefined && renderWord(c.field), ...renderOptions(c.options));
    case 'transaction':
      return join('transaction', list(c.fields), ...renderOptions(c.options));
    case 'convert':
      return join(
        'convert',
        c.timeformat !== undefined && `timeformat=${renderOptionValue(c.timeformat)}`,
        c.conversions.map((v) => `${v.func}(${renderWord(v.field)})${v.as !== undefined ? ` as ${renderWord(v.as)}` : ''}`).join(' '),
      );
    case 'foreach':
      return join('foreach', ...renderOptions(c.options), list(c.fields), `[${c.template}]`);
    case 'replace':
      return join('replace', c.replacements.map((r) => `${quote(r.from)} WITH ${quote(r.to)}`).join(', '), c.fields.length > 0 && `IN ${list(c.fields)}`);
    case 'fromjson':
      return join('fromjson', renderWord(c.field), ...renderOptions(c.options));
    case 'makeresults':
      return join('makeresults', ...renderOptions(c.options));
    case 'addtotals':
      return join('addtotals', ...renderOptions(c.options), list(c.fields));
    case 'generic':
      return c.name === '' ? c.raw : join(c.name, ...c.args);
  }
}

/**
 * SPL text for a pipeline. A leading search is written as `search ...`; any other first command
 * gets a leading `|` unless `firstIsCommand` (an appendpipe subpipeline).
 */
export function renderPipeline(p: Pipeline, firstIsCommand = false): string {
  return p.commands
    .map((c, i) => (i === 0 && (c.cmd === 'search' || firstIsCommand) ? renderCommand(c) : `| ${renderCommand(c)}`))
    .join(' ');
}
