/**
 * Eval expressions, as `eval`, `where` and `stats ... (eval(...))` read them.
 *
 * Precedence, loosest first (Search Manual, "Boolean expressions": eval and where evaluate
 * parentheses, NOT, AND, then OR; the eval reference lists arithmetic above comparison):
 *   OR < XOR < AND < NOT < comparison (= == != < > <= >= LIKE IN) < + - . < * / % < unary - +
 * A precedence-climbing parser over the scanner's eval mode.
 */
import type { EvalBinaryOp, EvalExpr, Span } from './ast.js';
import type { Scanner, Token } from './lexer.js';
import { describeToken, fail, type ParseContext } from './context.js';

const PREC = { OR: 1, XOR: 2, AND: 3, NOT: 4, COMPARE: 5, ADD: 6, MUL: 7, UNARY: 8 } as const;

/** The binary operator a token spells in operator position, with its precedence. */
function binaryOp(t: Token): { op: EvalBinaryOp | 'IN'; prec: number } | null {
  if (t.kind === 'op') {
    switch (t.raw) {
      case '+':
      case '-':
      case '.':
        return { op: t.raw, prec: PREC.ADD };
      case '*':
      case '/':
      case '%':
        return { op: t.raw, prec: PREC.MUL };
      case '=':
      case '==':
      case '!=':
      case '<':
      case '>':
      case '<=':
      case '>=':
        return { op: t.raw, prec: PREC.COMPARE };
    }
    return null;
  }
  if (t.kind === 'word') {
    switch (t.raw.toUpperCase()) {
      case 'OR':
        return { op: 'OR', prec: PREC.OR };
      case 'XOR':
        return { op: 'XOR', prec: PREC.XOR };
      case 'AND':
        return { op: 'AND', prec: PREC.AND };
      case 'LIKE':
        return { op: 'LIKE', prec: PREC.COMPARE };
      case 'IN':
        return { op: 'IN', prec: PREC.COMPARE };
    }
  }
  return null;
}

const spanOf = (a: { span: Span } | Token, b: { span: Span } | Token): Span => ({
  start: 'span' in a ? a.span.start : a.start,
  end: 'span' in b ? b.span.end : b.end,
});

/**
 * Parses one eval expression at the scanner; stops before a token that cannot continue it
 * (`,`, `)`, end). Throws ParseFailure on a malformed expression; the caller recovers.
 */
export function parseEvalExpr(s: Scanner, ctx: ParseContext): EvalExpr {
  return parseBinary(s, ctx, 0);
}

function parseBinary(s: Scanner, ctx: ParseContext, minPrec: number): EvalExpr {
  let left = parseUnary(s, ctx);
  for (;;) {
    const t = s.peekEval();
    const bop = binaryOp(t);
    if (!bop || bop.prec <= minPrec) return left;
    s.nextEval();
    if (bop.op === 'IN') {
      const { list, end } = parseArgs(s, ctx, 'IN');
      left = { type: 'in', expr: left, list, span: { start: left.span.start, end } };
      continue;
    }
    const right = parseBinary(s, ctx, bop.prec);
    left = { type: 'binary', op: bop.op, left, right, span: spanOf(left, right) };
  }
}

function parseUnary(s: Scanner, ctx: ParseContext): EvalExpr {
  const t = s.peekEval();
  if (t.kind === 'word' && t.raw.toUpperCase() === 'NOT') {
    s.nextEval();
    const expr = parseBinary(s, ctx, PREC.AND); // binds tighter than AND, looser than comparison
    return { type: 'unary', op: 'NOT', expr, span: spanOf(t, expr) };
  }
  if (t.kind === 'op' && (t.raw === '-' || t.raw === '+')) {
    s.nextEval();
    const expr = parseUnary(s, ctx);
    return { type: 'unary', op: t.raw, expr, span: spanOf(t, expr) };
  }
  return parsePrimary(s, ctx);
}

function parsePrimary(s: Scanner, ctx: ParseContext): EvalExpr {
  const t = s.nextEval();
  const span = { start: t.start, end: t.end };
  switch (t.kind) {
    case 'number':
      return { type: 'number', value: Number(t.raw), raw: t.raw, span };
    case 'string':
      return { type: 'string', value: t.value, span };
    case 'field':
      return { type: 'field', name: t.value, span };
    case '(': {
      const inner = parseEvalExpr(s, ctx);
      const close = s.nextEval();
      if (close.kind !== ')') fail(`expected ')' to close '(' but found ${describeToken(close)}`, { start: t.start, end: close.end });
      return inner;
    }
    case 'word': {
      if (!/^[A-Za-z_@]/.test(t.raw)) fail(`unexpected '${t.raw}' in eval expression`, span);
      if (s.nextCharIs('(')) {
        const { list, end } = parseArgs(s, ctx, t.raw);
        return { type: 'call', name: t.raw.toLowerCase(), args: list, span: { start: t.start, end } };
      }
      return { type: 'field', name: t.raw, span };
    }
  }
  return fail(t.kind === 'eof' ? 'expected an expression but the command ended' : `expected an expression but found ${describeToken(t)}`, span);
}

/** `( expr, expr, ... )` after a function name or IN; the scanner is before the `(`. */
function parseArgs(s: Scanner, ctx: ParseContext, what: string): { list: EvalExpr[]; end: number } {
  const open = s.nextEval();
  if (open.kind !== '(') fail(`expected '(' after ${what} but found ${describeToken(open)}`, open);
  const list: EvalExpr[] = [];
  if (s.peekEval().kind === ')') return { list, end: s.nextEval().end };
  for (;;) {
    list.push(parseEvalExpr(s, ctx));
    const t = s.nextEval();
    if (t.kind === ')') return { list, end: t.end };
    if (t.kind !== ',') {
      fail(
        t.kind === 'eof' ? `unbalanced '(' in ${what}(...): missing ')'` : `expected ',' or ')' in ${what}(...) but found ${describeToken(t)}`,
        t.kind === 'eof' ? open : t,
      );
    }
  }
}
