/**
 * Argument parsers for the commands the AST types. Each reads the command's arguments from an
 * ArgReader (positioned after the command name) and returns its node; a malformed argument
 * list throws ParseFailure and the pipeline parser keeps the command as a GenericCommand.
 * Syntax follows each command's page in the Splunk Search Reference.
 */
import type {
  Aggregation, Command, EvalExpr, FieldRename, Options, Pipeline, SearchExpr, SortKey, Span,
} from './ast.js';
import { ArgReader } from './args.js';
import { describeToken, fail, parseBracketed } from './context.js';
import { parseEvalExpr } from './eval-expr.js';
import { parseSearchExpr } from './search-expr.js';
import { matchingBracket, unescapeSpl } from './lexer.js';

export interface CommandBase {
  name: string;
  raw: string;
  span: Span;
}

type CommandParser = (r: ArgReader, base: CommandBase) => Command;

// ---------------------------------------------------------------- filtering and eval

const search: CommandParser = (r, base) => ({ ...base, cmd: 'search', expr: parseSearchExpr(r.s, r.ctx) });

const where: CommandParser = (r, base) => {
  const expr = parseEvalExpr(r.s, r.ctx);
  r.expectEnd('where');
  return { ...base, cmd: 'where', expr };
};

/** `eval <field>=<expression> [, <field>=<expression>]...` */
const evalCmd: CommandParser = (r, base) => {
  const assignments: Array<{ field: string; expr: EvalExpr }> = [];
  do {
    const field = assignTarget(r);
    const eq = r.s.nextEval();
    if (eq.kind !== 'op' || eq.raw !== '=') fail(`expected '=' after '${field}' but found ${describeToken(eq)}`, eq);
    assignments.push({ field, expr: parseEvalExpr(r.s, r.ctx) });
  } while (r.s.peekEval().kind === ',' && r.s.nextEval());
  r.expectEnd('eval');
  return { ...base, cmd: 'eval', assignments };
};

/**
 * The field an eval assigns: quoted ('x y' or "x y"), or a bare name up to `=` or whitespace.
 * Bare names may hold characters an expression would not accept (`cpu:mem`, `feature_-value`).
 */
function assignTarget(r: ArgReader): string {
  const t = r.s.peekEval();
  if (t.kind === 'field' || t.kind === 'string') {
    r.s.nextEval();
    return t.value;
  }
  const text = r.s.text;
  const start = r.s.pos;
  let i = start;
  while (i < r.s.end && !/[\s=,()"']/.test(text[i])) i++;
  if (i === start) return fail(`expected a field name to assign but found ${describeToken(t)}`, t);
  r.s.pos = i;
  return text.slice(start, i);
}

// ---------------------------------------------------------------- aggregations

/**
 * One aggregation: `count`, `values(process)`, `count(eval(x>1))`, optionally `as name`.
 * Without `as`, Splunk names the column after the call as written: `values(process)`, `count`.
 */
function aggregation(r: ArgReader): Aggregation {
  const t = r.next();
  if (t.kind !== 'word') fail(`expected an aggregation such as count or values(field) but found ${describeToken(t)}`, t);
  const func = t.raw.toLowerCase();
  let end = t.end;
  let defaultName = t.raw;
  const agg: Aggregation = { func, span: { start: t.start, end } };
  if (r.s.text[t.end] === '(') {
    r.s.pos = t.end;
    const close = r.s.balancedParenEnd(t.end);
    const inner = r.s.text.slice(t.end + 1, close - 1).trim();
    if (/^eval\s*\(/i.test(inner)) {
      r.s.pos = t.end + 1;
      r.s.nextEval(); // eval
      agg.evalArg = parseEvalExpr(r.s, r.ctx); // the parenthesised expression
      const rest = r.s.nextEval();
      if (rest.kind !== ')') fail(`expected ')' after eval(...) in ${t.raw}(...) but found ${describeToken(rest)}`, rest);
    } else if (inner !== '') {
      agg.field = inner.startsWith('"') && inner.endsWith('"') && inner.length >= 2 ? unescapeSpl(inner.slice(1, -1)) : inner;
    }
    r.s.pos = end = close;
    defaultName = `${t.raw}(${agg.field ?? inner})`;
  }
  if (r.eatKeyword('as')) {
    const as = r.peek();
    agg.as = r.field('a name after AS');
    end = as.end;
  } else agg.as = defaultName;
  agg.span = { start: t.start, end };
  return agg;
}

/** Options, aggregations and a `by` clause in any order, as stats-like commands take them. */
function statsBody(r: ArgReader, keywords: string[] = []) {
  const options: Options = {};
  const aggregations: Aggregation[] = [];
  let by: string[] = [];
  while (!r.atEnd()) {
    if (r.eatComma()) continue;
    const o = r.option();
    if (o) {
      options[o[0]] = o[1];
      continue;
    }
    if (r.isKeyword(...keywords)) break;
    if (r.eatKeyword('by')) {
      by = r.fieldList(keywords);
      continue;
    }
    aggregations.push(aggregation(r));
  }
  return { options, aggregations, by };
}

const stats: CommandParser = (r, base) => {
  const { options, aggregations, by } = statsBody(r);
  if (aggregations.length === 0) fail(`${base.name} needs at least one aggregation such as count`, base.span);
  return { ...base, cmd: 'stats', options, aggregations, by };
};

const timechart: CommandParser = (r, base) => {
  const { options, aggregations, by } = statsBody(r);
  return { ...base, cmd: 'timechart', options, aggregations, by };
};

/**
 * `tstats [options] <aggregations> [from datamodel=<dm>.<dataset>] [where <search>] [by <fields> [span=<t>]]`.
 * The where clause is a search expression (the search command's precedence).
 */
const tstats: CommandParser = (r, base) => {
  const options: Options = {};
  const aggregations: Aggregation[] = [];
  let by: string[] = [];
  let where: SearchExpr | null = null;
  let datamodel: string | undefined;
  let timeSpan: string | undefined;
  let inBy = false;
  const keywords = ['from', 'where', 'by'];
  while (!r.atEnd()) {
    if (r.eatComma()) continue;
    const o = r.option();
    if (o) {
      // `by _time span=1h, Filesystem.dest`: a comma may separate the by-fields, span= among them.
      if (o[0] === 'span') timeSpan = o[1].replace(/,$/, '');
      else options[o[0]] = o[1];
      continue;
    }
    if (r.eatKeyword('from')) {
      const t = r.peek();
      const dm = r.option();
      if (dm && dm[0] === 'datamodel') datamodel = dm[1];
      else {
        const word = r.field('datamodel=<name> after FROM');
        const m = /^datamodel:(.+)$/i.exec(word);
        if (!m) fail(`expected datamodel=<name> after FROM but found '${t.raw}'`, t);
        datamodel = m![1].replace(/^"(.*)"$/, '$1');
      }
      continue;
    }
    if (r.eatKeyword('where')) {
      where = parseSearchExpr(r.s, r.ctx, { stopWords: ['by'] });
      continue;
    }
    if (r.eatKeyword('by')) {
      by = r.fieldList(keywords);
      inBy = true;
      continue;
    }
    if (inBy) {
      // `by _time span=1h Processes.dest ...`: span= may sit between by-fields, which go on after it.
      const more = r.fieldList(keywords);
      if (more.length) {
        by.push(...more);
        continue;
      }
    }
    aggregations.push(aggregation(r));
  }
  const cmd: Command = { ...base, cmd: 'tstats', options, aggregations, where, by };
  if (datamodel !== undefined) cmd.datamodel = datamodel;
  const nodename = options.nodename ?? whereNodename(where);
  if (nodename !== undefined) cmd.nodename = nodename;
  if (timeSpan !== undefined) cmd.timeSpan = timeSpan;
  return cmd;
};

/**
 * `nodename=<dataset>` among the top-level AND terms of a tstats where clause: the data model
 * dataset the search is restricted to (`where nodename=All_Traffic.Blocked_Traffic`). It stays
 * in the where clause as well.
 */
function whereNodename(where: SearchExpr | null): string | undefined {
  const terms = where === null ? [] : where.type === 'and' ? where.items : [where];
  for (const t of terms) if (t.type === 'compare' && t.op === '=' && t.field === 'nodename') return t.value.text;
  return undefined;
}

// ---------------------------------------------------------------- fields

/** `rename <from> AS <to> [, <from> AS <to>]...`; wildcards stay in the names. */
const rename: CommandParser = (r, base) => {
  const renames: FieldRename[] = [];
  while (!r.atEnd()) {
    if (r.eatComma()) continue;
    const from = r.field();
    if (!r.eatKeyword('as')) fail(`expected AS after '${from}' but found ${describeToken(r.peek())}`, r.peek());
    renames.push({ from, to: r.field('a new name after AS') });
  }
  if (renames.length === 0) fail('rename needs at least one <field> AS <name>', base.span);
  return { ...base, cmd: 'rename', renames };
};

/** `fields [+|-] <fields>` and `table <fields>`. */
const fields: CommandParser = (r, base) => {
  let remove = false;
  const t = r.peek();
  if (base.name === 'fields' && t.kind === 'word' && (t.raw === '-' || t.raw === '+')) {
    r.next();
    remove = t.raw === '-';
  }
  const list = r.fieldList();
  r.expectEnd(base.name);
  return { ...base, cmd: 'fields', name: base.name as 'fields' | 'table', remove, fields: list };
};

/** `rex [field=<f>] [max_match=<n>] [mode=sed] [offset_field=<f>] "<regex>"`. */
const rex: CommandParser = (r, base) => {
  const options: Options = {};
  let regex: string | undefined;
  while (!r.atEnd()) {
    const o = r.option();
    if (o) {
      options[o[0]] = o[1];
      continue;
    }
    const t = r.next();
    if (t.kind !== 'string') fail(`expected a quoted regular expression but found ${describeToken(t)}`, t);
    if (regex !== undefined) fail('rex takes one regular expression', t);
    regex = unescapeSpl(t.raw.slice(1, -1), false);
  }
  if (regex === undefined) fail('rex needs a quoted regular expression', base.span);
  const { field = '_raw', max_match, mode, ...rest } = options;
  const maxMatch = max_match === undefined ? 1 : Number(max_match);
  if (!Number.isInteger(maxMatch) || maxMatch < 0) fail(`max_match must be a whole number, not '${max_match}'`, base.span);
  if (mode !== undefined && mode !== 'sed') fail(`rex mode must be sed, not '${mode}'`, base.span);
  const cmd: Command = { ...base, cmd: 'rex', field, regex: regex!, maxMatch, options: rest };
  if (mode === 'sed') cmd.mode = 'sed';
  return cmd;
};

/** `regex [<field>(=|!=)]"<regex>"`. */
const regex: CommandParser = (r, base) => {
  let field = '_raw';
  let negated = false;
  let t = r.next();
  if (t.kind === 'word') {
    field = t.value;
    const op = r.next();
    if (op.kind !== 'op' || (op.raw !== '=' && op.raw !== '!=')) fail(`expected '=' or '!=' after '${t.raw}' but found ${describeToken(op)}`, op);
    negated = op.raw === '!=';
    t = r.next();
  }
  if (t.kind !== 'string') fail(`expected a quoted regular expression but found ${describeToken(t)}`, t);
  r.expectEnd('regex');
  return { ...base, cmd: 'regex', field, negated, regex: unescapeSpl(t.raw.slice(1, -1), false) };
};

/** `<field> [AS <name>]` pairs until the end or one of `stop`. */
function renameList(r: ArgReader, stop: string[]): FieldRename[] {
  const out: FieldRename[] = [];
  for (;;) {
    if (r.eatComma()) continue;
    const t = r.peek();
    if ((t.kind !== 'word' && t.kind !== 'string') || r.isKeyword(...stop)) break;
    const from = r.field();
    const to = r.eatKeyword('as') ? r.field('a name after AS') : from;
    out.push({ from, to });
  }
  return out;
}

/** `lookup [options] <lookup> <field> [AS <f>]... [OUTPUT|OUTPUTNEW <field> [AS <f>]...]`. */
const lookup: CommandParser = (r, base) => {
  const options = r.options({});
  const lookupName = r.field('a lookup name');
  const inputs = renameList(r, ['output', 'outputnew']);
  let outputMode: 'OUTPUT' | 'OUTPUTNEW' | null = null;
  let outputs: FieldRename[] = [];
  if (r.isKeyword('output', 'outputnew')) {
    outputMode = r.next().raw.toUpperCase() as 'OUTPUT' | 'OUTPUTNEW';
    outputs = renameList(r, []);
  }
  r.expectEnd('lookup');
  if (inputs.length === 0) fail(`lookup ${lookupName} needs at least one input field`, base.span);
  return { ...base, cmd: 'lookup', lookup: lookupName, options, inputs, outputMode, outputs };
};

/** `inputlookup [options] <lookup> [where <search>]`. */
const inputlookup: CommandParser = (r, base) => {
  const options = r.options({});
  const name = r.field('a lookup name');
  r.options(options);
  const where = r.eatKeyword('where') ? parseSearchExpr(r.s, r.ctx) : null;
  r.expectEnd('inputlookup');
  return { ...base, cmd: 'inputlookup', name: 'inputlookup', lookup: name, options, where };
};

const outputlookup: CommandParser = (r, base) => {
  const options = r.options({});
  const name = r.field('a lookup name');
  r.options(options);
  r.expectEnd('outputlookup');
  return { ...base, cmd: 'outputlookup', lookup: name, options };
};

/** `spath [input=<f>] [output=<f>] [path=<p> | <p>]`. */
const spath: CommandParser = (r, base) => {
  const cmd: Command = { ...base, cmd: 'spath' };
  while (!r.atEnd()) {
    const o = r.option();
    if (o) {
      if (o[0] === 'input') cmd.input = o[1];
      else if (o[0] === 'output') cmd.output = o[1];
      else if (o[0] === 'path') cmd.path = o[1];
      else fail(`unknown spath option '${o[0]}'`, base.span);
      continue;
    }
    if (cmd.path !== undefined) fail(`spath takes one path but found ${describeToken(r.peek())}`, r.peek());
    cmd.path = r.field('a path');
  }
  return cmd;
};

const mvexpand: CommandParser = (r, base) => {
  const options = r.options({});
  const field = r.field();
  r.options(options);
  r.expectEnd('mvexpand');
  const cmd: Command = { ...base, cmd: 'mvexpand', field };
  if (options.limit !== undefined) cmd.limit = Number(options.limit);
  return cmd;
};

/** `makemv [delim=<s> | tokenizer=<re>] [allowempty=<b>] [setsv=<b>] <field>`. */
const makemv: CommandParser = (r, base) => {
  const options = r.options({});
  const field = r.field();
  r.options(options);
  r.expectEnd('makemv');
  const { delim, tokenizer, ...rest } = options;
  const cmd: Command = { ...base, cmd: 'makemv', field, options: rest };
  if (delim !== undefined) cmd.delim = delim;
  if (tokenizer !== undefined) cmd.tokenizer = tokenizer;
  return cmd;
};

/** `bin|bucket [options] <field> [AS <name>]`. */
const bin: CommandParser = (r, base) => {
  const options = r.options({});
  const field = r.field();
  let as: string | undefined;
  if (r.eatKeyword('as')) as = r.field('a name after AS');
  r.options(options);
  r.expectEnd(base.name);
  const cmd: Command = { ...base, cmd: 'bin', field, options };
  if (as !== undefined) cmd.as = as;
  return cmd;
};

/** A sort key: `[+|-]field`, or `-num(field)` style with auto/str/num/ip. */
function sortKey(r: ArgReader): SortKey {
  let t = r.next();
  let desc = false;
  if (t.kind === 'word' && (t.raw === '-' || t.raw === '+')) {
    desc = t.raw === '-';
    t = r.next();
  } else if (t.kind === 'word' && /^[+-]./.test(t.raw)) {
    desc = t.raw[0] === '-';
    t = { ...t, raw: t.raw.slice(1), value: t.value.slice(1), start: t.start + 1 };
  }
  if (t.kind !== 'word' && t.kind !== 'string') fail(`expected a field to sort by but found ${describeToken(t)}`, t);
  const m = /^(auto|str|num|ip)$/i.exec(t.raw);
  if (m && t.kind === 'word' && r.s.text[t.end] === '(') {
    r.next(); // (
    const field = r.field();
    const close = r.next();
    if (close.kind !== ')') fail(`expected ')' but found ${describeToken(close)}`, close);
    return { field, desc, as: m[1].toLowerCase() as SortKey['as'] };
  }
  return { field: t.value, desc };
}

/** `sort [<count>|limit=<n>] <key> [, <key>]... [desc]`. */
const sort: CommandParser = (r, base) => {
  const cmd: Command = { ...base, cmd: 'sort', keys: [] };
  const first = r.peek();
  if (first.kind === 'word' && /^\d+$/.test(first.raw)) cmd.limit = Number(r.next().raw);
  const o = r.option();
  if (o) {
    if (o[0] !== 'limit') fail(`unknown sort option '${o[0]}'`, base.span);
    cmd.limit = Number(o[1]);
  }
  while (!r.atEnd()) {
    if (r.eatComma()) continue;
    if (r.isKeyword('d', 'desc') && cmd.keys.length > 0) {
      // A trailing `desc` reverses the whole order.
      r.next();
      r.expectEnd('sort');
      for (const k of cmd.keys) k.desc = !k.desc;
      break;
    }
    cmd.keys.push(sortKey(r));
  }
  if (cmd.keys.length === 0) fail('sort needs at least one field', base.span);
  return cmd;
};

/** `dedup [<N>] <fields> [keepevents=..] [consecutive=..] [sortby <keys>]`. */
const dedup: CommandParser = (r, base) => {
  let count = 1;
  const first = r.peek();
  if (first.kind === 'word' && /^\d+$/.test(first.raw)) count = Number(r.next().raw);
  const options = r.options({});
  const list = r.fieldList(['sortby']);
  r.options(options);
  const sortby: SortKey[] = [];
  if (r.eatKeyword('sortby')) {
    while (!r.atEnd()) {
      if (r.eatComma()) continue;
      sortby.push(sortKey(r));
    }
  }
  r.expectEnd('dedup');
  if (list.length === 0) fail('dedup needs at least one field', base.span);
  return { ...base, cmd: 'dedup', fields: list, count, options, sortby };
};

/** `head|tail [<N>|limit=<N>]`; head also takes `(<eval expression>)`. */
const head: CommandParser = (r, base) => {
  const cmd: Command = { ...base, cmd: 'head', name: base.name as 'head' | 'tail', count: 10 };
  const t = r.peek();
  if (t.kind === 'word' && /^\d+$/.test(t.raw)) cmd.count = Number(r.next().raw);
  else if (t.kind === '(' && base.name === 'head') cmd.expr = parseEvalExpr(r.s, r.ctx);
  const o = r.option();
  if (o) {
    if (o[0] !== 'limit') fail(`unsupported ${base.name} option '${o[0]}'`, base.span);
    cmd.count = Number(o[1]);
  }
  r.expectEnd(base.name);
  return cmd;
};

/** `fillnull [value=<v>] [<fields>]`; the default value is 0. */
const fillnull: CommandParser = (r, base) => {
  const options = r.options({});
  const list = r.fieldList();
  r.options(options);
  r.expectEnd('fillnull');
  return { ...base, cmd: 'fillnull', value: options.value ?? '0', fields: list };
};

// ---------------------------------------------------------------- subsearch commands

function subsearch(r: ArgReader, command: string, firstIsCommand = false): Pipeline {
  if (r.peek().kind !== '[') fail(`${command} needs a subsearch in [ ]`, r.peek());
  return parseBracketed(r.s, r.ctx, firstIsCommand).pipeline;
}

/** `join [options] [<fields>] [subsearch]`. */
const join: CommandParser = (r, base) => {
  const options = r.options({});
  const list = r.fieldList();
  r.options(options);
  const sub = subsearch(r, 'join');
  r.expectEnd('join');
  return { ...base, cmd: 'join', options, fields: list, subsearch: sub };
};

const append: CommandParser = (r, base) => {
  const options = r.options({});
  const sub = subsearch(r, 'append');
  r.expectEnd('append');
  return { ...base, cmd: 'append', options, subsearch: sub };
};

/** `appendpipe [<subpipeline>]`: the subpipeline starts with a command, not a search. */
const appendpipe: CommandParser = (r, base) => {
  r.options({});
  const sub = subsearch(r, 'appendpipe', true);
  r.expectEnd('appendpipe');
  return { ...base, cmd: 'appendpipe', subsearch: sub };
};

// ---------------------------------------------------------------- the rest

const iplocation: CommandParser = (r, base) => {
  const options = r.options({});
  const field = r.field();
  r.options(options);
  r.expectEnd('iplocation');
  return { ...base, cmd: 'iplocation', field, options };
};

const xmlkv: CommandParser = (r, base) => {
  const options = r.options({});
  const cmd: Command = { ...base, cmd: 'xmlkv', options };
  if (!r.atEnd()) cmd.field = r.field();
  r.options(options);
  r.expectEnd('xmlkv');
  return cmd;
};

const transaction: CommandParser = (r, base) => {
  const options: Options = {};
  const list: string[] = [];
  while (!r.atEnd()) {
    if (r.eatComma()) continue;
    const o = r.option();
    if (o) options[o[0]] = o[1];
    else list.push(r.field());
  }
  return { ...base, cmd: 'transaction', fields: list, options };
};

/** `convert [timeformat=<f>] <func>(<field>) [AS <name>]...`. */
const convert: CommandParser = (r, base) => {
  const cmd: Command = { ...base, cmd: 'convert', conversions: [] };
  while (!r.atEnd()) {
    if (r.eatComma()) continue;
    const o = r.option();
    if (o) {
      if (o[0] !== 'timeformat') fail(`unknown convert option '${o[0]}'`, base.span);
      cmd.timeformat = o[1];
      continue;
    }
    const f = r.next();
    if (f.kind !== 'word' || r.s.text[f.end] !== '(') fail(`expected a conversion such as ctime(field) but found ${describeToken(f)}`, f);
    r.next(); // (
    const field = r.field();
    const close = r.next();
    if (close.kind !== ')') fail(`expected ')' after ${f.raw}(${field} but found ${describeToken(close)}`, close);
    const conv: { func: string; field: string; as?: string } = { func: f.raw.toLowerCase(), field };
    if (r.eatKeyword('as')) conv.as = r.field('a name after AS');
    cmd.conversions.push(conv);
  }
  if (cmd.conversions.length === 0) fail('convert needs at least one conversion such as ctime(field)', base.span);
  return cmd;
};

/** `foreach [options] <fields> [<template>]`: the template is kept as text (it holds <<FIELD>> tokens). */
const foreach: CommandParser = (r, base) => {
  const options = r.options({});
  const list = r.fieldList();
  r.options(options);
  const open = r.peek();
  if (open.kind !== '[') fail(`foreach needs a [ template ] but found ${describeToken(open)}`, open);
  const { inner } = parseBracketedRaw(r);
  r.expectEnd('foreach');
  return { ...base, cmd: 'foreach', fields: list, options, template: r.s.text.slice(inner.start, inner.end).trim() };
};

/** Skips a bracketed part without parsing it; returns the span inside the brackets. */
function parseBracketedRaw(r: ArgReader): { inner: Span } {
  const open = r.next();
  const close = matchingClose(r, open.start);
  r.s.pos = close < 0 ? r.s.end : close + 1;
  if (close < 0) r.ctx.report("unclosed '[': missing ']'", open);
  return { inner: { start: open.end, end: close < 0 ? r.s.end : close } };
}

const matchingClose = (r: ArgReader, open: number) => matchingBracket(r.s.text, open, r.s.end);

/** `replace <from> WITH <to> [, <from> WITH <to>]... [IN <fields>]`. */
const replace: CommandParser = (r, base) => {
  const replacements: Array<{ from: string; to: string }> = [];
  let list: string[] = [];
  while (!r.atEnd()) {
    if (r.eatComma()) continue;
    if (r.eatKeyword('in')) {
      list = r.fieldList();
      r.expectEnd('replace');
      break;
    }
    const from = r.field('a value to replace');
    if (!r.eatKeyword('with')) fail(`expected WITH after '${from}' in replace but found ${describeToken(r.peek())}`, r.peek());
    replacements.push({ from, to: r.field('a replacement after WITH') });
  }
  if (replacements.length === 0) fail('replace needs at least one <value> WITH <value>', base.span);
  return { ...base, cmd: 'replace', replacements, fields: list };
};

const fromjson: CommandParser = (r, base) => {
  const options = r.options({});
  const field = r.field();
  r.options(options);
  r.expectEnd('fromjson');
  return { ...base, cmd: 'fromjson', field, options };
};

const makeresults: CommandParser = (r, base) => {
  const options = r.options({});
  r.expectEnd('makeresults');
  return { ...base, cmd: 'makeresults', options };
};

const addtotals: CommandParser = (r, base) => {
  const options = r.options({});
  const list = r.fieldList();
  r.options(options);
  r.expectEnd('addtotals');
  return { ...base, cmd: 'addtotals', options, fields: list };
};

/** `from <dataset>`: `from datamodel Risk.All_Risk`, `from datamodel:X.Y`, `from lookup:name`. */
const from: CommandParser = (r, base) => {
  const first = r.peek();
  let kind: string;
  let name: string;
  const o = r.option();
  if (o) [kind, name] = o;
  else {
    const word = r.field('a dataset');
    const m = /^([A-Za-z_]+):(.+)$/.exec(word);
    if (m) [, kind, name] = m;
    else if (!r.atEnd() && /^(datamodel|lookup|savedsearch|inputlookup)$/i.test(word)) {
      kind = word;
      name = r.field('a dataset name');
    } else fail(`expected a dataset such as 'datamodel Risk.All_Risk' but found '${first.raw}'`, first);
  }
  r.expectEnd('from');
  kind = kind!.toLowerCase();
  const cmd: Command = { ...base, cmd: 'from', dataset: `${kind}:${name!}` };
  if (kind === 'datamodel') cmd.datamodel = name!;
  return cmd;
};

export const COMMAND_PARSERS: Record<string, CommandParser> = {
  search,
  where,
  eval: evalCmd,
  stats,
  eventstats: stats,
  streamstats: stats,
  tstats,
  timechart,
  rename,
  fields,
  table: fields,
  rex,
  regex,
  lookup,
  inputlookup,
  outputlookup,
  spath,
  mvexpand,
  makemv,
  bin,
  bucket: bin,
  sort,
  dedup,
  head,
  tail: head,
  fillnull,
  join,
  append,
  appendpipe,
  iplocation,
  xmlkv,
  transaction,
  convert,
  foreach,
  replace,
  fromjson,
  makeresults,
  addtotals,
  from,
};
