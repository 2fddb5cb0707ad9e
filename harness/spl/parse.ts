/**
 * The SPL parser's entry points. A search is a pipeline of commands separated by `|`; the
 * first command is an implicit `search` unless the text starts with `|` (a generating command
 * such as `| tstats`). A subsearch in `[ ]` is a pipeline of its own.
 *
 * Parsing never throws: every problem becomes an SplError with an offset span into `text`,
 * and a command whose arguments do not parse is kept as a GenericCommand so the rest of the
 * pipeline is still read (recovery at the next `|`).
 */
import type { Command, EvalExpr, GenericCommand, Pipeline, SearchExpr, Span, SplError } from './ast.js';
import { ArgReader } from './args.js';
import { syntaxForName, type CommandBase, type CommandSyntax } from './grammar.js';
import { ParseFailure, type ParseContext } from './context.js';
import { parseEvalExpr } from './eval-expr.js';
import { Scanner, commandEnd, matchingBracket } from './lexer.js';
import { parseSearchExpr } from './search-expr.js';
import { renderGeneric } from './render.js';

export type { SplError } from './ast.js';

export function parseSearch(text: string): { pipeline: Pipeline; errors: SplError[] } {
  const ctx = newContext(text);
  const pipeline = parsePipeline(ctx, 0, text.length, false, false);
  return { pipeline, errors: ctx.errors };
}

/** Parses `text` as a search expression alone (what follows `search`). */
export function parseSearchExpression(text: string): { expr: SearchExpr | null; errors: SplError[] } {
  const ctx = newContext(text);
  const s = new Scanner(text, 0, text.length, ctx.report);
  const expr = parseSearchExpr(s, ctx);
  return { expr, errors: ctx.errors };
}

/** Parses `text` as one eval expression (what follows `where`). */
export function parseEvalExpression(text: string): { expr: EvalExpr | null; errors: SplError[] } {
  const ctx = newContext(text);
  const s = new Scanner(text, 0, text.length, ctx.report);
  try {
    const expr = parseEvalExpr(s, ctx);
    const rest = s.peekEval();
    if (rest.kind !== 'eof') ctx.report(`unexpected '${rest.raw}' after the expression`, rest);
    return { expr, errors: ctx.errors };
  } catch (err) {
    if (!(err instanceof ParseFailure)) throw err;
    ctx.report(err.message, err.span);
    return { expr: null, errors: ctx.errors };
  }
}

interface Context extends ParseContext {
  errors: SplError[];
}

function newContext(text: string): Context {
  const errors: SplError[] = [];
  const seen = new Set<string>();
  const ctx: Context = {
    text,
    errors,
    // A token may be scanned more than once (peek, then next): report each problem once.
    report(message: string, span: Span) {
      const key = `${span.start}:${span.end}:${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      errors.push({ message, span: { start: span.start, end: span.end } });
    },
    parsePipeline: (start, end, firstIsCommand) => parsePipeline(ctx, start, end, firstIsCommand, true),
  };
  return ctx;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

function skipSpace(text: string, i: number, end: number): number {
  for (;;) {
    while (i < end && isSpace(text[i])) i++;
    if (text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      if (close >= 0 && close + 3 <= end) {
        i = close + 3;
        continue;
      }
    }
    return i;
  }
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text[end - 1])) end--;
  return end;
}

function parsePipeline(ctx: Context, start: number, end: number, firstIsCommand: boolean, inSubsearch: boolean): Pipeline {
  const text = ctx.text;
  const commands: Command[] = [];
  let i = skipSpace(text, start, end);
  const pipelineStart = i;
  let first = true;
  while (i < end) {
    let implicitSearch = false;
    if (text[i] === '|') {
      const pipe = i;
      i = skipSpace(text, i + 1, end);
      if (i >= end || text[i] === '|' || text[i] === ']') {
        ctx.report("expected a command after '|'", { start: pipe, end: pipe + 1 });
        continue;
      }
    } else if (text[i] === ']') {
      ctx.report("unexpected ']': no matching '['", { start: i, end: i + 1 });
      i = skipSpace(text, i + 1, end);
      continue;
    } else if (first && !firstIsCommand) {
      // A leading `search` word is the command itself; anything else is an implicit search,
      // except that a subsearch may open with a generating command without its pipe (Search
      // Manual, "About subsearches"); which commands generate is each command's metadata.
      const word = /^[A-Za-z_]+(?=[\s[(]|$)/.exec(text.slice(i, Math.min(end, i + 40)))?.[0].toLowerCase();
      implicitSearch = word !== 'search' && !(inSubsearch && word !== undefined && syntaxForName(word)?.generating === true);
    } else if (!first) {
      // Only reachable after a stray ']' mid-pipeline: the rest up to the next '|' is dropped.
      const stop = commandEnd(text, i, end);
      ctx.report("expected '|' before the next command", { start: i, end: trimEnd(text, i, stop) });
      i = stop;
      continue;
    }
    first = false;
    const cmdEnd = commandEnd(text, i, end);
    commands.push(parseCommand(ctx, i, cmdEnd, implicitSearch));
    i = skipSpace(text, cmdEnd, end);
  }
  return { commands, span: { start: pipelineStart, end: trimEnd(text, pipelineStart, end) } };
}

/** Parses one command occupying text[start, end); `implicitSearch` when it has no name. */
function parseCommand(ctx: Context, start: number, end: number, implicitSearch: boolean): Command {
  const text = ctx.text;
  let name = 'search';
  let argStart = start;
  if (!implicitSearch) {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(start, Math.min(end, start + 100)));
    if (!m) {
      const stop = trimEnd(text, start, end);
      ctx.report('expected a command name', { start, end: Math.max(stop, start + 1) });
      return generic(ctx.text, { name: '', raw: text.slice(start, stop), span: { start, end: stop } }, start, end);
    }
    name = m[0].toLowerCase();
    argStart = start + m[0].length;
  }
  const stop = trimEnd(text, start, end);
  const base: CommandBase = { name, raw: text.slice(argStart, stop).trim(), span: { start, end: stop } };
  const syntax = syntaxForName(name);
  if (!syntax || syntax.cmd === 'generic') return generic(ctx.text, base, argStart, end);
  try {
    return syntax.parse(new ArgReader(new Scanner(text, argStart, end, ctx.report), ctx), base);
  } catch (err) {
    const { message, span } = err instanceof ParseFailure ? err : { message: `internal parser error in ${name}: ${String(err)}`, span: base.span };
    ctx.report(`${name}: ${message}`, span);
    return generic(ctx.text, base, argStart, end);
  }
}

/** A command kept as its name and argument tokens as written (bracketed parts as one token). */
function generic(text: string, base: CommandBase, argStart: number, end: number): GenericCommand {
  const s = new Scanner(text, argStart, end, () => {});
  const args: string[] = [];
  for (;;) {
    const t = s.peekSearch();
    if (t.kind === 'eof') break;
    if (t.kind === '[') {
      const close = matchingBracket(text, t.start, end);
      const stop = close < 0 ? end : close + 1;
      args.push(text.slice(t.start, stop));
      s.pos = stop;
      continue;
    }
    s.nextSearch();
    args.push(t.raw);
    if (t.kind === 'op') {
      const v = s.readValue(false);
      if (v) args.push(v.raw);
    }
  }
  return { ...base, cmd: 'generic', args };
}

/**
 * The syntax of a command the engine reads from its tokens (top, map, reverse...) or only
 * names (Splunk commands it does not run). Such a command may read events of its own, as far as
 * the pre-filter knows.
 */
export const GENERIC_SYNTAX: CommandSyntax<GenericCommand> = {
  cmd: 'generic',
  parse: (r, base) => generic(r.s.text, base, r.s.pos, r.s.end),
  render: renderGeneric,
  readsEvents: true,
};
