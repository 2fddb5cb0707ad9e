/**
 * What the expression and command parsers share: the text, an error sink, and a way to parse a
 * bracketed subsearch (kept behind a callback so the modules do not import each other in a cycle).
 */
import type { Pipeline, Span } from './ast.js';
import { type Scanner, matchingBracket, type Token } from './lexer.js';

export interface ParseContext {
  text: string;
  report(message: string, span: Span): void;
  /** Parses text[start, end) as a subsearch pipeline; `firstIsCommand` for `appendpipe [stats ...]`. */
  parsePipeline(start: number, end: number, firstIsCommand: boolean): Pipeline;
}

/** Thrown inside a command parser to abandon it; the pipeline parser records it and keeps going. */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

export const fail = (message: string, span: Span): never => {
  throw new ParseFailure(message, span);
};

/** Describes a token for an error message. */
export const describeToken = (t: Token): string => (t.kind === 'eof' ? 'end of command' : `'${t.raw}'`);

/**
 * Parses the subsearch whose `[` the scanner is at, leaving the scanner after its `]`.
 * An unclosed bracket is reported and the subsearch runs to the end of the range.
 */
export function parseBracketed(s: Scanner, ctx: ParseContext, firstIsCommand: boolean): { pipeline: Pipeline; span: Span; inner: Span } {
  const open = s.nextSearch();
  const close = matchingBracket(ctx.text, open.start, s.end);
  let end: number;
  let innerEnd: number;
  if (close < 0) {
    ctx.report("unclosed '[': missing ']'", { start: open.start, end: open.end });
    innerEnd = end = s.end;
  } else {
    innerEnd = close;
    end = close + 1;
  }
  const pipeline = ctx.parsePipeline(open.end, innerEnd, firstIsCommand);
  s.pos = end;
  return { pipeline, span: { start: open.start, end }, inner: { start: open.end, end: innerEnd } };
}
