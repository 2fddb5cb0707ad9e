/**
 * Multivalue functions (Search Reference: "Multivalue eval functions"): mvappend, mvcount,
 * mvdedup, mvfilter, mvfind, mvindex, mvjoin, mvmap, mvrange, mvreverse, mvsort, mvzip.
 */
import type { EvalExpr } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { compileRegex } from '../regex.js';
import { relativeTime } from '../time.js';
import { eager, fromList, num, text, truthy, values } from './helpers.js';
import type { EvalFunction } from './types.js';
import { EvalError } from './types.js';
import { evalNode, walk } from '../../spl/walk.js';

/** The first field an expression refers to (depth first): the field mvfilter() iterates over. */
function firstField(node: EvalExpr): string | undefined {
  let found: string | undefined;
  walk(evalNode(node), (n) => {
    if (found !== undefined) return false;
    if (n.kind === 'eval' && n.node.type === 'field') found = n.node.name;
  });
  return found;
}

/** The event seen while one value of `field` is being tested: that field holds only that value. */
function withValue(e: Event, field: string, v: Scalar): Event {
  const view = Object.create(e) as Event;
  view[field] = v;
  return view;
}

/**
 * mvfilter(X): the values of the multivalue field in X for which the boolean expression X is
 * true ("This function filters a multivalue field based on an arbitrary Boolean expression...
 * can reference only one field at a time"). Null when none passes.
 */
const mvfilter: EvalFunction = {
  name: 'mvfilter',
  minArgs: 1,
  maxArgs: 1,
  compile([pred], nodes, span) {
    const field = firstField(nodes[0]);
    if (!field) throw new EvalError('mvfilter() needs an expression that refers to a field', span);
    return (e, c) => {
      const out: Scalar[] = [];
      for (const v of values(fieldValue(e, field))) if (truthy(pred(withValue(e, field, v), c))) out.push(v);
      return fromList(out);
    };
  },
};

function fieldValue(e: Event, field: string): Scalar[] | Scalar | null {
  const v = e[field];
  return v === undefined ? null : v;
}

/**
 * mvmap(X, EXPR): EXPR evaluated for each value of the multivalue field X, with X standing for
 * that value; null results are dropped.
 */
const mvmap: EvalFunction = {
  name: 'mvmap',
  minArgs: 2,
  maxArgs: 2,
  compile([x, body], nodes) {
    const field = nodes[0].type === 'field' ? nodes[0].name : undefined;
    return (e, c) => {
      const vs = values(x(e, c));
      const out: Scalar[] = [];
      for (const v of vs) {
        const r = body(field ? withValue(e, field, v) : e, c);
        for (const item of values(r)) out.push(item);
      }
      return fromList(out);
    };
  },
};

/** mvindex(X, START, END): values by 0-based position, negative from the end, END inclusive. */
const mvindex = eager('mvindex', 2, 3, ([x, s, t]) => {
  if (x === null) return null;
  const vs = values(x);
  const n = vs.length;
  const startN = num(s);
  if (startN === null) return null;
  let start = Math.trunc(startN);
  if (start < 0) start += n;
  if (start < 0 || start >= n) return null;
  if (t === undefined) return vs[start];
  const endN = num(t);
  if (endN === null) return null;
  let end = Math.trunc(endN);
  if (end < 0) end += n;
  if (end >= n) end = n - 1;
  if (end < start) return null;
  return fromList(vs.slice(start, end + 1));
});

/** mvfind(X, REGEX): index of the first value matching REGEX, null when none does. */
const mvfind: EvalFunction = {
  name: 'mvfind',
  minArgs: 2,
  maxArgs: 2,
  compile([x, regexArg]) {
    return (e, c) => {
      const v = x(e, c);
      const p = text(regexArg(e, c));
      if (v === null || p === null) return null;
      let re: RegExp;
      try {
        re = compileRegex(p);
      } catch {
        return null;
      }
      const vs = values(v);
      for (let i = 0; i < vs.length; i++) if (re.test(text(vs[i]) ?? '')) return i;
      return null;
    };
  },
};

/** mvsort(X): values in lexicographic order (numbers as text, uppercase before lowercase). */
const mvsort = eager('mvsort', 1, 1, ([x]) => {
  if (x === null) return null;
  const vs = values(x).map((v) => text(v) ?? '');
  return fromList(vs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
});

/** mvzip(X, Y, DELIM): pairwise "x,y" (DELIM default ","), as long as the shorter field. */
const mvzip = eager('mvzip', 2, 3, ([x, y, d]) => {
  if (x === null || y === null) return null;
  const delim = d === undefined ? ',' : text(d);
  if (delim === null) return null;
  const xs = values(x);
  const ys = values(y);
  const out: Scalar[] = [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) out.push(`${text(xs[i])}${delim}${text(ys[i])}`);
  return fromList(out);
});

/**
 * mvrange(START, END, STEP): numbers from START up to but excluding END. STEP may be a time span
 * such as "7d" when START and END are epoch times ("mvrange(1514834731, 1524134919, "7d")":
 * Multivalue eval functions, mvrange), each value that span after the one before.
 */
const mvrange = eager('mvrange', 2, 3, ([s, t, st]) => {
  const start = num(s);
  const end = num(t);
  if (start === null || end === null) return null;
  const span = st === undefined ? undefined : text(st);
  const step = st === undefined ? 1 : num(st);
  let advance: (v: number) => number | undefined;
  if (step !== null) {
    if (step === 0) return null;
    advance = (v) => v + step;
  } else {
    if (span === null || span === undefined || !/^\s*\d+\s*[A-Za-z]+\s*$/.test(span)) return null;
    const modifier = '+' + span.trim();
    if (relativeTime(start, modifier) === undefined) return null;
    advance = (v) => relativeTime(v, modifier);
  }
  const ascending = (advance(start) ?? start) > start;
  const out: Scalar[] = [];
  for (let v: number | undefined = start; v !== undefined && (ascending ? v < end : v > end); v = advance(v)) {
    out.push(v);
    if (out.length > 100_000) break;
  }
  return fromList(out);
});

export const multivalueFunctions: EvalFunction[] = [
  eager('mvappend', 1, Infinity, (args) => fromList(args.flatMap(values))),
  eager('mvcount', 1, 1, ([x]) => (x === null ? null : values(x).length)),
  eager('mvdedup', 1, 1, ([x]) => (x === null ? null : fromList([...new Set(values(x))]))),
  mvfilter,
  mvfind,
  mvindex,
  eager('mvjoin', 2, 2, ([x, d]) => {
    const delim = text(d);
    if (x === null || delim === null) return null;
    return values(x)
      .map((v) => text(v) ?? '')
      .join(delim);
  }),
  mvmap,
  mvrange,
  mvsort,
  mvzip,
  /** mvreverse(X): the values in reverse order. */
  eager('mvreverse', 1, 1, ([x]) => (x === null ? null : fromList([...values(x)].reverse()))),
];
