/**
 * The SPL scanner. SPL has no single token grammar: a search expression splits words at
 * whitespace and `=`, an eval expression treats `+ - * / .` as operators, a `rex` regex is one
 * quoted string. So, like TypeScript's scanner, this one scans on demand in the mode the parser
 * asks for (`peekSearch`, `peekEval`, `readValue`) from a cursor over one command's range.
 *
 * The scanner never throws: a malformed token (an unterminated string) is reported through
 * `report` and scanned to the end of the range.
 */
import type { Span } from './ast.js';

export type TokenKind =
  | 'word' // search-mode word or eval identifier
  | 'string' // "double quoted"
  | 'field' // 'single quoted' (eval field name)
  | 'number' // eval numeric literal
  | 'op' // = == != < > <= >= and, in eval mode, + - * / % .
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The text as written, quotes included. */
  raw: string;
  /** Quotes removed and SPL escapes resolved (`\\` → `\`, `\"` → `"`). */
  value: string;
  start: number;
  end: number;
}

export type Report = (message: string, span: Span) => void;

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** Characters that end a search-mode word. `!` ends one only when it starts `!=`. */
const SEARCH_WORD_STOP = new Set([' ', '\t', '\n', '\r', '\f', '\v', '(', ')', '[', ']', '"', '=', '<', '>', ',', '|']);
/** Characters that end a value after `field=`: `=`, `<`, `>` and `!` are allowed inside it. */
const VALUE_STOP = new Set([' ', '\t', '\n', '\r', '\f', '\v', '(', ')', '[', ']', '"', '|']);

const IDENT_START = /[A-Za-z_@]/;
const IDENT_PART = /[A-Za-z0-9_@]/;
const DIGIT = /[0-9]/;

/**
 * Resolves SPL escapes in a quoted or bare value. The search manual ("When to escape
 * characters"): the backslash escapes quotes, pipes and itself (`\\` → `\`, `\"` → `"`, and in
 * search terms `\|` → `|`); any other backslash sequence, such as `\s` or `\W`, stays as written.
 * Eval strings and regexes keep `\|`, where it means a literal pipe to the regex engine.
 */
export function unescapeSpl(text: string, pipes = true): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const n = text[i + 1];
      if (n === '\\' || n === '"' || (pipes && n === '|')) {
        out += n;
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** The end of the string that opens with a double quote at `start` (index after the closing quote), or -1. */
function stringEnd(text: string, start: number, limit: number): number {
  for (let i = start + 1; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

/** The end of a ```comment``` opening at `start` (index after the closing backticks), or -1. */
function commentEnd(text: string, start: number, limit: number): number {
  const close = text.indexOf('```', start + 3);
  return close < 0 || close + 3 > limit ? -1 : close + 3;
}

/**
 * Where the command starting at `from` ends: the next `|` or unmatched `]` outside quotes,
 * comments and nested brackets, or `limit`. Unterminated quotes and comments run to `limit`
 * (the scanner reports them when it reaches them).
 */
export function commandEnd(text: string, from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '"') {
      const e = stringEnd(text, i, limit);
      if (e < 0) return limit;
      i = e - 1;
    } else if (c === '`' && text.startsWith('```', i)) {
      const e = commentEnd(text, i, limit);
      if (e < 0) return limit;
      i = e - 1;
    } else if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === '|' && depth === 0) return i;
  }
  return limit;
}

/** The index of the `]` matching the `[` at `open`, or -1 when it is never closed before `limit`. */
export function matchingBracket(text: string, open: number, limit: number): number {
  const end = commandEndSkippingPipes(text, open + 1, limit);
  return end < limit && text[end] === ']' ? end : -1;
}

/** Like commandEnd but a `|` does not end it: used to find the `]` that closes a subsearch. */
function commandEndSkippingPipes(text: string, from: number, limit: number): number {
  let i = from;
  for (;;) {
    const e = commandEnd(text, i, limit);
    if (e >= limit || text[e] === ']') return e;
    i = e + 1; // a pipe inside the subsearch
  }
}

export class Scanner {
  pos: number;
  private cache: { pos: number; mode: string; tok: Token } | null = null;

  constructor(
    readonly text: string,
    start: number,
    readonly end: number,
    readonly report: Report,
  ) {
    this.pos = start;
  }

  /** Skips whitespace and ```comments```. */
  skipTrivia(): void {
    const t = this.text;
    while (this.pos < this.end) {
      const c = t[this.pos];
      if (isSpace(c)) this.pos++;
      else if (c === '`' && t.startsWith('```', this.pos)) {
        const e = commentEnd(t, this.pos, this.end);
        if (e < 0) {
          this.report('unterminated comment: missing closing ```', { start: this.pos, end: this.end });
          this.pos = this.end;
        } else this.pos = e;
      } else break;
    }
  }

  atEnd(): boolean {
    this.skipTrivia();
    return this.pos >= this.end;
  }

  /** True when the next non-trivia character is `c` (no token is consumed). */
  nextCharIs(c: string): boolean {
    this.skipTrivia();
    return this.text[this.pos] === c;
  }

  private make(kind: TokenKind, start: number, end: number, value?: string): Token {
    const raw = this.text.slice(start, end);
    return { kind, raw, value: value ?? raw, start, end };
  }

  private scanString(start: number, pipes = true): Token {
    const e = stringEnd(this.text, start, this.end);
    if (e < 0) {
      this.report('unterminated string: missing closing "', { start, end: this.end });
      return this.make('string', start, this.end, unescapeSpl(this.text.slice(start + 1, this.end), pipes));
    }
    return this.make('string', start, e, unescapeSpl(this.text.slice(start + 1, e - 1), pipes));
  }

  private punct(c: string, start: number): Token | null {
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') return this.make(c, start, start + 1);
    return null;
  }

  private scanCompareOp(start: number): Token | null {
    const t = this.text;
    const c = t[start];
    const n = t[start + 1];
    if ((c === '!' || c === '<' || c === '>' || c === '=') && n === '=') return this.make('op', start, start + 2);
    if (c === '=' || c === '<' || c === '>') return this.make('op', start, start + 1);
    return null;
  }

  private cached(mode: string, scan: () => Token): Token {
    this.skipTrivia();
    if (this.cache && this.cache.pos === this.pos && this.cache.mode === mode) return this.cache.tok;
    const tok = scan();
    this.cache = { pos: this.pos, mode, tok };
    return tok;
  }

  // ------------------------------------------------------------ search mode

  peekSearch(): Token {
    return this.cached('search', () => this.scanSearch());
  }

  nextSearch(): Token {
    const tok = this.peekSearch();
    this.pos = tok.end;
    return tok;
  }

  /**
   * The tokens both modes scan alike: the end of the range, a double-quoted string (`pipes`: see
   * unescapeSpl), punctuation, a comparison operator, a pipe. Null when none starts at `start`.
   */
  private scanShared(start: number, pipes: boolean): Token | null {
    if (start >= this.end) return this.make('eof', this.end, this.end);
    const c = this.text[start];
    if (c === '"') return this.scanString(start, pipes);
    if (c === '|') return this.make('eof', start, start); // a pipe never belongs to a command's range
    return this.punct(c, start) ?? this.scanCompareOp(start);
  }

  private scanSearch(): Token {
    const start = this.pos;
    const shared = this.scanShared(start, true);
    if (shared) return shared;
    const t = this.text;
    let i = start;
    while (i < this.end) {
      const ch = t[i];
      if (ch === '\\' && i + 1 < this.end) {
        i += 2;
        continue;
      }
      if (SEARCH_WORD_STOP.has(ch) || (ch === '!' && t[i + 1] === '=')) break;
      if (ch === '`' && t.startsWith('```', i)) break;
      i++;
    }
    this.checkBacktick(start, i);
    return this.make('word', start, i, unescapeSpl(t.slice(start, i)));
  }

  /**
   * Macros are expanded before parsing, so a backtick left in a bare word is a call that was not
   * expanded (unknown or unterminated). Inside quotes a backtick is ordinary text.
   */
  private checkBacktick(start: number, end: number): void {
    const at = this.text.indexOf('`', start);
    if (at >= 0 && at < end) this.report("unexpected '`': a macro call that was not expanded", { start: at, end: at + 1 });
  }

  /**
   * A value after `field=` (or inside `IN (...)`): a quoted string, or a run of characters up to
   * whitespace, a parenthesis, a bracket or a pipe (and a comma when `stopAtComma`).
   * `=`, `<`, `>` may appear inside: `CommandLine=*a=b*` has the value `*a=b*`.
   * Returns null when no value starts here.
   */
  readValue(stopAtComma: boolean): Token | null {
    this.skipTrivia();
    this.cache = null;
    const t = this.text;
    const start = this.pos;
    if (start >= this.end) return null;
    if (t[start] === '"') {
      const tok = this.scanString(start);
      this.pos = tok.end;
      return tok;
    }
    // A parenthesis opened inside the value closes inside it: `process=*GetCurrent()*)` has the
    // value `*GetCurrent()*`; the last `)` closes the enclosing group.
    let depth = 0;
    let i = start;
    while (i < this.end) {
      const ch = t[i];
      if (ch === '\\' && i + 1 < this.end) {
        i += 2;
        continue;
      }
      if (ch === '(' && i > start) depth++;
      else if (ch === ')' && depth > 0) depth--;
      else if (VALUE_STOP.has(ch) || (stopAtComma && ch === ',')) break;
      else if (ch === '`' && t.startsWith('```', i)) break;
      i++;
    }
    if (i === start) return null;
    this.pos = i;
    this.checkBacktick(start, i);
    return this.make('word', start, i, unescapeSpl(t.slice(start, i)));
  }

  /**
   * An option value after `key=`: a quoted string, a bare run, and when the run is followed
   * directly by `(`, the balanced parenthesised part too (`startswith=eval(x>1)`).
   */
  readOptionValue(): Token | null {
    this.skipTrivia();
    if (this.text[this.pos] === '(' && this.pos < this.end) {
      // `startswith=(EventCode=4698)`: a parenthesised search expression, kept as written.
      const start = this.pos;
      this.pos = this.balancedParenEnd(start);
      this.cache = null;
      return this.make('word', start, this.pos);
    }
    const tok = this.readValue(false);
    if (!tok || tok.kind === 'string' || this.text[this.pos] !== '(') return tok;
    const close = this.balancedParenEnd(this.pos);
    this.pos = close;
    const raw = this.text.slice(tok.start, close);
    return { kind: 'word', raw, value: raw, start: tok.start, end: close };
  }

  /** The index after the `)` matching the `(` at `open` (quotes respected), or the range end. */
  balancedParenEnd(open: number): number {
    const t = this.text;
    let depth = 0;
    for (let i = open; i < this.end; i++) {
      const c = t[i];
      if (c === '"') {
        const e = stringEnd(t, i, this.end);
        if (e < 0) break;
        i = e - 1;
      } else if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
    }
    this.report("unbalanced '(': missing ')'", { start: open, end: this.end });
    return this.end;
  }

  // ------------------------------------------------------------ eval mode

  peekEval(): Token {
    return this.cached('eval', () => this.scanEval());
  }

  nextEval(): Token {
    const tok = this.peekEval();
    this.pos = tok.end;
    return tok;
  }

  private scanEval(): Token {
    const start = this.pos;
    const shared = this.scanShared(start, false);
    if (shared) return shared;
    const t = this.text;
    const c = t[start];
    if (c === "'") {
      const close = t.indexOf("'", start + 1);
      if (close < 0 || close >= this.end) {
        this.report("unterminated field name: missing closing '", { start, end: this.end });
        return this.make('field', start, this.end, t.slice(start + 1, this.end));
      }
      return this.make('field', start, close + 1, t.slice(start + 1, close));
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(t[start + 1] ?? ''))) return this.scanNumber(start);
    if (c === '+' || c === '-' || c === '*' || c === '/' || c === '%' || c === '.') return this.make('op', start, start + 1);
    if (IDENT_START.test(c)) return this.scanIdent(start);
    // Anything else (a stray `$`, `{`, `!`...) becomes a one-character word the parser rejects.
    return this.make('word', start, start + 1);
  }

  private scanNumber(start: number): Token {
    const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.text.slice(start, Math.min(this.end, start + 64)))!;
    let end = start + m[0].length;
    // `1h` or `2abc` is not a number but a bare word; keep it whole so the parser can say so.
    if (end < this.end && IDENT_PART.test(this.text[end])) {
      while (end < this.end && IDENT_PART.test(this.text[end])) end++;
      return this.make('word', start, end);
    }
    return this.make('number', start, end);
  }

  /**
   * An eval identifier: letters, digits, `_`, `@` (and a JSON-array `{}`). The period is always
   * the concatenation operator, with or without spaces: Search Reference, eval: "If the expression
   * references a field name that contains non-alphanumeric characters, other than the underscore
   * ( _ ) character, the field name needs to be surrounded by single quotation marks", so
   * `RTLO_file_1.RTLO_file_2` concatenates two fields and the field `Processes.dest` is written
   * `'Processes.dest'`.
   */
  private scanIdent(start: number): Token {
    const t = this.text;
    let i = start + 1;
    while (i < this.end) {
      const c = t[i];
      if (IDENT_PART.test(c)) i++;
      else if (c === '{' && t[i + 1] === '}') i += 2;
      else break;
    }
    return this.make('word', start, i);
  }
}
