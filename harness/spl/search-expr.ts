/**
 * Search expressions, as the `search` command (and tstats / inputlookup `where`) reads them.
 *
 * Precedence follows the Search Manual, "Boolean expressions": the search command evaluates
 * parentheses, then NOT, then OR, then AND. AND is implied between terms, and the operators
 * must be capitalised (a lower-case `or` is a plain term). So `a b OR c` is `a AND (b OR c)`.
 */
import type { CompareOp, SearchExpr, SearchValue, Span } from './ast.js';
import { unescapeSpl, type Scanner, type Token } from './lexer.js';
import { parseBracketed, type ParseContext } from './context.js';

export interface SearchExprOptions {
  /** Stops before a word such as `by` (tstats where). Compared case-insensitively. */
  stopWords?: string[];
}

const isKeyword = (t: Token, kw: string) => t.kind === 'word' && t.raw === kw;

export function parseSearchExpr(s: Scanner, ctx: ParseContext, opts: SearchExprOptions = {}): SearchExpr | null {
  return new SearchExprParser(s, ctx, opts).parseTop();
}

class SearchExprParser {
  constructor(
    private s: Scanner,
    private ctx: ParseContext,
    private opts: SearchExprOptions,
  ) {}

  private stopsHere(t: Token): boolean {
    if (t.kind === 'eof') return true;
    if (t.kind === 'word' && this.opts.stopWords) {
      const w = t.raw.toLowerCase();
      return this.opts.stopWords.includes(w);
    }
    return false;
  }

  /** The whole expression; a stray `)` is reported and skipped. */
  parseTop(): SearchExpr | null {
    const items: SearchExpr[] = [];
    for (;;) {
      this.collectAnd(items);
      const t = this.s.peekSearch();
      if (t.kind === ')') {
        this.ctx.report("unexpected ')': no matching '('", t);
        this.s.nextSearch();
        continue;
      }
      break;
    }
    return this.and(items);
  }

  private and(items: SearchExpr[]): SearchExpr | null {
    if (items.length === 0) return null;
    if (items.length === 1) return items[0];
    return { type: 'and', items, span: { start: items[0].span.start, end: items[items.length - 1].span.end } };
  }

  /** Implicit or explicit AND of OR-groups, until `)`, a stop word or the end. */
  private collectAnd(items: SearchExpr[]): void {
    for (;;) {
      const t = this.s.peekSearch();
      if (this.stopsHere(t) || t.kind === ')') return;
      if (isKeyword(t, 'AND')) {
        this.s.nextSearch();
        if (items.length === 0) this.ctx.report("'AND' needs a term before it", t);
        continue;
      }
      const before = this.s.pos;
      const e = this.parseOr();
      if (e) items.push(e);
      if (this.s.pos === before) {
        // Nothing consumed: skip the token so the loop always advances.
        const bad = this.s.nextSearch();
        this.ctx.report(`unexpected ${bad.raw === '' ? 'end' : `'${bad.raw}'`} in search expression`, bad);
      }
    }
  }

  private parseOr(): SearchExpr | null {
    const first = this.parseNot();
    if (!first) return null;
    const items = [first];
    while (isKeyword(this.s.peekSearch(), 'OR')) {
      const orTok = this.s.nextSearch();
      const next = this.parseNot();
      if (!next) {
        this.ctx.report("'OR' needs a term after it", orTok);
        break;
      }
      items.push(next);
    }
    if (items.length === 1) return first;
    return { type: 'or', items, span: { start: first.span.start, end: items[items.length - 1].span.end } };
  }

  private parseNot(): SearchExpr | null {
    const t = this.s.peekSearch();
    if (isKeyword(t, 'NOT')) {
      this.s.nextSearch();
      const inner = this.parseNot();
      if (!inner) {
        this.ctx.report("'NOT' needs a term after it", t);
        return null;
      }
      return { type: 'not', expr: inner, span: { start: t.start, end: inner.span.end } };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): SearchExpr | null {
    const t = this.s.peekSearch();
    if (this.stopsHere(t)) return null;
    if (t.kind === '(') {
      this.s.nextSearch();
      const items: SearchExpr[] = [];
      this.collectAnd(items);
      const close = this.s.peekSearch();
      if (close.kind === ')') this.s.nextSearch();
      else this.ctx.report("unbalanced '(': missing ')'", t);
      const inner = this.and(items);
      if (!inner) this.ctx.report('empty parentheses in search expression', { start: t.start, end: close.end });
      return inner;
    }
    if (t.kind === '[') {
      const { pipeline, span } = parseBracketed(this.s, this.ctx, false);
      return { type: 'subsearch', pipeline, span };
    }
    if (t.kind === 'word' && /^(TERM|CASE)$/.test(t.raw) && this.s.text[t.end] === '(') return this.parseDirective(t);
    if (t.kind === 'word' || t.kind === 'string' || t.kind === ',') {
      this.s.nextSearch();
      const next = this.s.peekSearch();
      if (next.kind === 'op') return this.parseCompare(t, next);
      if (next.kind === 'word' && next.raw.toUpperCase() === 'IN' && this.followedByParen(next)) return this.parseIn(t);
      const term = t.kind === 'word' ? this.joinCommas(t) : t;
      return { type: 'term', value: toValue(term), span: span(term) };
    }
    if (t.kind === 'op') {
      this.s.nextSearch();
      this.ctx.report(`expected a field name before '${t.raw}'`, t);
      this.s.readValue(false);
      return null;
    }
    return null;
  }

  /**
   * `TERM(x)` / `CASE(x)` (Search Manual, "Use CASE() and TERM() to match phrases"): the
   * parenthesised text is one term, matched whole or case-sensitively.
   */
  private parseDirective(t: Token): SearchExpr {
    const s = this.s;
    const close = s.balancedParenEnd(t.end);
    const inner = s.text.slice(t.end + 1, close - 1).trim();
    s.pos = close;
    const quoted = inner.length >= 2 && inner.startsWith('"') && inner.endsWith('"');
    const text = unescapeSpl(quoted ? inner.slice(1, -1) : inner);
    return { type: 'term', value: { text, quoted }, directive: t.raw as 'TERM' | 'CASE', span: { start: t.start, end: close } };
  }

  /**
   * A comma is a separator in argument lists, but inside a bare search term it is just a
   * character: `foo,bar` is one term. Joins words and commas written without spaces between.
   */
  private joinCommas(t: Token): Token {
    let joined = t;
    for (;;) {
      const at = this.s.pos;
      if (at !== joined.end || this.s.text[at] !== ',' || at >= this.s.end) return joined;
      this.s.nextSearch(); // the comma
      let end = at + 1;
      let value = joined.value + ',';
      const next = this.s.peekSearch();
      if (next.kind === 'word' && next.start === end) {
        this.s.nextSearch();
        end = next.end;
        value += next.value;
      }
      joined = { kind: 'word', raw: this.s.text.slice(joined.start, end), value, start: joined.start, end };
    }
  }

  private followedByParen(inTok: Token): boolean {
    const save = this.s.pos;
    this.s.pos = inTok.end;
    const paren = this.s.nextCharIs('(');
    this.s.pos = save;
    return paren;
  }

  private parseCompare(field: Token, opTok: Token): SearchExpr {
    this.s.nextSearch();
    let op = opTok.raw as CompareOp | '==';
    if (op === '==') {
      this.ctx.report("'==' is not a search operator; use '='", opTok);
      op = '=';
    }
    const v = this.s.readValue(false);
    if (!v) {
      this.ctx.report(`expected a value after '${opTok.raw}'`, opTok);
      return { type: 'compare', field: field.value, op, value: { text: '', quoted: false }, span: { start: field.start, end: opTok.end } };
    }
    return { type: 'compare', field: field.value, op, value: toValue(v), span: { start: field.start, end: v.end } };
  }

  private parseIn(field: Token): SearchExpr {
    this.s.nextSearch(); // IN
    const open = this.s.nextSearch(); // (
    const values: SearchValue[] = [];
    let end = open.end;
    for (;;) {
      const t = this.s.peekSearch();
      if (t.kind === ')') {
        this.s.nextSearch();
        end = t.end;
        break;
      }
      if (t.kind === ',') {
        this.s.nextSearch();
        continue;
      }
      if (t.kind === 'eof') {
        this.ctx.report("unbalanced '(' in IN list: missing ')'", open);
        end = t.end;
        break;
      }
      const v = this.s.readValue(true);
      if (!v) {
        const bad = this.s.nextSearch();
        this.ctx.report(`unexpected '${bad.raw}' in IN list`, bad);
        continue;
      }
      values.push(toValue(v));
      end = v.end;
    }
    return { type: 'in', field: field.value, values, span: { start: field.start, end } };
  }
}

const span = (t: Token): Span => ({ start: t.start, end: t.end });

const toValue = (t: Token): SearchValue => ({ text: t.value, quoted: t.kind === 'string' });
