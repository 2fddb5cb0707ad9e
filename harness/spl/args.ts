/**
 * Small readers shared by the command parsers: options (`key=value`), field names and lists,
 * keywords. They read search-mode tokens from the command's scanner.
 */
import type { Options } from './ast.js';
import type { Scanner, Token } from './lexer.js';
import { describeToken, fail, type ParseContext } from './context.js';

export class ArgReader {
  constructor(
    readonly s: Scanner,
    readonly ctx: ParseContext,
  ) {}

  peek(): Token {
    return this.s.peekSearch();
  }

  next(): Token {
    return this.s.nextSearch();
  }

  atEnd(): boolean {
    return this.s.atEnd();
  }

  /** True when the next token is the word `kw` (any case). */
  isKeyword(...kws: string[]): boolean {
    const t = this.peek();
    return t.kind === 'word' && kws.includes(t.raw.toLowerCase());
  }

  /** Consumes the keyword when it is next. */
  eatKeyword(...kws: string[]): boolean {
    if (!this.isKeyword(...kws)) return false;
    this.next();
    return true;
  }

  eatComma(): boolean {
    if (this.peek().kind !== ',') return false;
    this.next();
    return true;
  }

  /** True when the next tokens are `word =`. */
  atOption(): boolean {
    const t = this.peek();
    if (t.kind !== 'word') return false;
    const save = this.s.pos;
    this.next();
    const op = this.peek();
    this.s.pos = save;
    return op.kind === 'op' && op.raw === '=';
  }

  /** Reads `key=value` when it is next; the key is lower-cased, the value unquoted. */
  option(): [string, string] | null {
    if (!this.atOption()) return null;
    const key = this.next();
    const eq = this.next();
    const v = this.s.readOptionValue();
    if (!v) this.ctx.report(`expected a value after '${key.raw}='`, eq);
    return [key.raw.toLowerCase(), v ? v.value : ''];
  }

  /** Reads every `key=value` at the cursor into `into`. */
  options(into: Options): Options {
    for (let o = this.option(); o; o = this.option()) into[o[0]] = o[1];
    return into;
  }

  /**
   * A field name: a word or a quoted string. A word directly followed by `(` takes the
   * parenthesised part too: `predicted(x)` and `aceFlags(inheritance)` are field names.
   */
  field(what = 'a field name'): string {
    const t = this.peek();
    if (t.kind === 'word' || t.kind === 'string') {
      this.next();
      if (t.kind === 'word' && this.s.text[t.end] === '(' && t.end < this.s.end) {
        this.s.pos = this.s.balancedParenEnd(t.end);
        return t.value + this.s.text.slice(t.end, this.s.pos);
      }
      return t.value;
    }
    return fail(`expected ${what} but found ${describeToken(t)}`, t);
  }

  /** Fields separated by commas or spaces, up to the end, an option, or one of `stop` (keywords). */
  fieldList(stop: string[] = []): string[] {
    const out: string[] = [];
    for (;;) {
      if (this.eatComma()) continue;
      const t = this.peek();
      if ((t.kind !== 'word' && t.kind !== 'string') || this.atOption()) break;
      if (t.kind === 'word' && stop.includes(t.raw.toLowerCase())) break;
      out.push(this.field());
    }
    return out;
  }

  /** Fails when anything is left in the command. */
  expectEnd(command: string): void {
    const t = this.peek();
    if (t.kind !== 'eof') fail(`unexpected ${describeToken(t)} in ${command}`, t);
  }

  /** A non-negative integer token. */
  integer(t: Token, what: string): number {
    if (!/^\d+$/.test(t.value)) fail(`expected ${what} to be a whole number but found '${t.raw}'`, t);
    return Number(t.value);
  }
}
