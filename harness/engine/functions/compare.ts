/**
 * Comparison and conditional functions (Search Reference: "Comparison and Conditional
 * functions"): if, case, coalesce, null, nullif, true, false, in, like, match, cidrmatch,
 * searchmatch, validate.
 */
import type { EvalExpr } from '../../spl/ast.js';
import type { Event, Scalar } from '../types.js';
import { compareValues } from '../values.js';
import { compileRegex, escapeRegex, RegexError } from '../regex.js';
import { compileCidr } from './cidr.js';
import { eager, literalString, text, truthy, values } from './helpers.js';
import type { CompiledEval, EvalFunction } from './types.js';
import { EvalError } from './types.js';

/** if(X, Y, Z): Y when X is true, else Z (a null condition takes the else branch). */
const ifFn: EvalFunction = {
  name: 'if',
  minArgs: 3,
  maxArgs: 3,
  compile([cond, then, otherwise]) {
    return (e, c) => (truthy(cond(e, c)) ? then(e, c) : otherwise(e, c));
  },
};

/** case(X1, Y1, X2, Y2, ...): the Y of the first true X; null when none is true. */
const caseFn: EvalFunction = {
  name: 'case',
  minArgs: 2,
  maxArgs: Infinity,
  compile(args, _nodes, span) {
    if (args.length % 2 !== 0) throw new EvalError("The arguments to the 'case' function must come in condition/value pairs", span);
    return (e, c) => {
      for (let i = 0; i < args.length; i += 2) if (truthy(args[i](e, c))) return args[i + 1](e, c);
      return null;
    };
  },
};

/** coalesce(X, ...): the first argument that is not null. */
const coalesce: EvalFunction = {
  name: 'coalesce',
  minArgs: 1,
  maxArgs: Infinity,
  compile(args) {
    return (e, c) => {
      for (const a of args) {
        const v = a(e, c);
        if (v !== null) return v;
      }
      return null;
    };
  },
};

/** Case-sensitive equality of two eval values, numeric when both are numbers. */
export function sameValue(a: Scalar | boolean, b: Scalar | boolean): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return compareValues(a, b) === 0;
}

/** in(field, v1, v2, ...): true when the field (any value of it) equals one of the values. */
const inFn = eager('in', 2, Infinity, ([v, ...list]) => {
  if (v === null) return false;
  const vs = Array.isArray(v) ? v : [v];
  for (const item of list) {
    if (item === null) continue;
    const items = Array.isArray(item) ? item : [item];
    for (const x of vs) for (const y of items) if (sameValue(x, y)) return true;
  }
  return false;
});

// ---------------------------------------------------------------- like

/** A `%` / `_` LIKE pattern as an anchored regex; `\%` and `\_` are literal. */
export function likeRegex(pattern: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length && (pattern[i + 1] === '%' || pattern[i + 1] === '_' || pattern[i + 1] === '\\')) {
      src += '\\' + pattern[++i];
    } else if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += escapeRegex(ch);
  }
  return new RegExp('^' + src + '$');
}

/**
 * like(TEXT, PATTERN) and `TEXT LIKE PATTERN`: "%" matches any run of characters, "_" one
 * character; case-sensitive; true when any value of a multivalue TEXT matches; false for null.
 */
export function compileLike(textArg: CompiledEval, patternArg: CompiledEval, patternNode: EvalExpr | undefined): CompiledEval {
  const literal = literalString(patternNode);
  const fixed = literal === undefined ? undefined : likeRegex(literal);
  return anyValueMatches(textArg, patternArg, fixed, likeRegex);
}

/**
 * The test of like() and match(): true when any value of `subject` matches the pattern, which is
 * compiled once when it is a literal (`fixed`), else per event; a null subject, a null pattern
 * or one that does not compile (`compile` gives undefined) matches nothing.
 */
function anyValueMatches(subject: CompiledEval, pattern: CompiledEval, fixed: RegExp | undefined, compile: (p: string) => RegExp | undefined): CompiledEval {
  return (e, c) => {
    const v = subject(e, c);
    if (v === null) return false;
    let re = fixed;
    if (!re) {
      const p = text(pattern(e, c));
      if (p === null) return false;
      re = compile(p);
      if (!re) return false;
    }
    for (const x of values(v)) if (re.test(text(x) ?? '')) return true;
    return false;
  };
}

const like: EvalFunction = {
  name: 'like',
  minArgs: 2,
  maxArgs: 2,
  compile([t, p], nodes) {
    return compileLike(t, p, nodes[1]);
  },
};

// ---------------------------------------------------------------- match

function regexOrError(pattern: string, span: { start: number; end: number }): RegExp {
  try {
    return compileRegex(pattern);
  } catch (err) {
    if (err instanceof RegexError) throw new EvalError(`invalid regex in eval: ${err.message}`, span);
    throw err;
  }
}

/**
 * match(SUBJECT, REGEX): true when the PCRE regex matches anywhere in SUBJECT ("The match
 * function is regex based"); any value of a multivalue subject; false for a null subject.
 */
const match: EvalFunction = {
  name: 'match',
  minArgs: 2,
  maxArgs: 2,
  compile([subject, regex], nodes, span) {
    const literal = literalString(nodes[1]);
    const fixed = literal === undefined ? undefined : regexOrError(literal, span);
    // A pattern computed per event that fails to compile is no match, not an error.
    return anyValueMatches(subject, regex, fixed, (p) => {
      try {
        return compileRegex(p);
      } catch {
        return undefined;
      }
    });
  },
};

/** cidrmatch(CIDR, IP): true when IP (any value) lies in the subnet; IPv4 and IPv6. */
const cidrmatch: EvalFunction = {
  name: 'cidrmatch',
  minArgs: 2,
  maxArgs: 2,
  compile([cidrArg, ipArg], nodes) {
    const literal = literalString(nodes[0]);
    const fixed = literal === undefined ? undefined : compileCidr(literal);
    return (e, c) => {
      const ip = ipArg(e, c);
      if (ip === null) return false;
      let test = fixed;
      if (!test) {
        const cidr = text(cidrArg(e, c));
        test = cidr === null ? undefined : compileCidr(cidr);
        if (!test) return false;
      }
      for (const x of values(ip)) if (test(text(x) ?? '')) return true;
      return false;
    };
  },
};

/** nullif(X, Y): null when X equals Y, else X. */
const nullif = eager('nullif', 2, 2, ([x, y]) => {
  if (x === null || y === null || Array.isArray(x) || Array.isArray(y)) return x;
  return sameValue(x, y) ? null : x;
});

/** validate(X1, Y1, X2, Y2, ...): the Y of the first X that is false (null when all hold). */
const validate: EvalFunction = {
  name: 'validate',
  minArgs: 2,
  maxArgs: Infinity,
  compile(args, _nodes, span) {
    if (args.length % 2 !== 0) throw new EvalError("The arguments to the 'validate' function must come in condition/value pairs", span);
    return (e, c) => {
      for (let i = 0; i < args.length; i += 2) if (!truthy(args[i](e, c))) return args[i + 1](e, c);
      return null;
    };
  },
};

/**
 * searchmatch(X): true when the event matches the literal search string X, compiled once with
 * the search-command matcher. The registry injects the parser so this module stays free of it.
 */
export function makeSearchmatch(compileSearchText: (text: string) => ((event: Event) => boolean) | undefined): EvalFunction {
  return {
    name: 'searchmatch',
    minArgs: 1,
    maxArgs: 1,
    compile(_args, nodes, span) {
      const literal = literalString(nodes[0]);
      if (literal === undefined) throw new EvalError('searchmatch() needs a literal search string', span);
      const predicate = compileSearchText(literal);
      if (!predicate) throw new EvalError(`searchmatch(): cannot parse search "${literal}"`, span);
      return (e) => predicate(e);
    },
  };
}

export const compareFunctions: EvalFunction[] = [
  ifFn,
  caseFn,
  coalesce,
  inFn,
  like,
  match,
  cidrmatch,
  nullif,
  validate,
  eager('null', 0, 0, () => null),
  eager('true', 0, 0, () => true),
  eager('false', 0, 0, () => false),
];
