/**
 * Search-command matching: the implicit first `search`, `| search`, `tstats ... where` and
 * `inputlookup where` filter events with these rules (Splunk Search Manual / Search Reference):
 *
 * - field names are case-sensitive, field values match case-insensitively;
 * - `*` is a wildcard anywhere in a value; `x=*` needs x present, `NOT x=*` needs it absent;
 * - `x!=v` keeps events that HAVE x with no value matching v ("Events that do not have a value in
 *   the field are not included"), `NOT x=v` also keeps events without x ("Difference between != and NOT");
 *   for a multivalue field `x!=v` is therefore `x=* NOT x=v`: false when any value matches v;
 * - a multivalue field matches `x=v` when any of its values does;
 * - `<`, `>`, `<=`, `>=` compare numerically when both sides are numbers, else lexicographically;
 * - a CIDR value (`src=10.0.0.0/8`, IPv4 or IPv6) matches an address inside the range;
 * - a bare term matches `_raw` case-insensitively on segment boundaries (see `compileTerm`).
 *
 * Everything is compiled once per expression (`compileSearch`), so per event there is no regex
 * construction and each value is lower-cased at most once.
 */
import type { SearchExpr, SearchValue, Span } from '../spl/ast.js';
import type { Event, FieldValue, Scalar } from './types.js';
import { compareValues, isNumeric, toNumber, toText } from './values.js';
import { compileCidr, looksLikeCidr } from './functions/cidr.js';

/** A search expression the matcher cannot evaluate (e.g. a subsearch left unresolved). */
export class SearchMatchError extends Error {
  constructor(message: string, public readonly span?: Span) {
    super(message);
    this.name = 'SearchMatchError';
  }
}

export type EventPredicate = (event: Event) => boolean;

// ---------------------------------------------------------------- wildcards

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A predicate for a `*` wildcard pattern over whole values. Matching is case-insensitive unless
 * `caseSensitive`; the common shapes (`abc`, `abc*`, `*abc`, `*abc*`) avoid regexes entirely.
 * The predicate expects its input already lower-cased when matching case-insensitively.
 */
export function compileWildcard(pattern: string, caseSensitive = false): (text: string) => boolean {
  const p = caseSensitive ? pattern : pattern.toLowerCase();
  if (!p.includes('*')) return (t) => t === p;
  if (/^\*+$/.test(p)) return () => true;
  const inner = p.replace(/^\*+/, '').replace(/\*+$/, '');
  if (!inner.includes('*')) {
    const lead = p.startsWith('*');
    const trail = p.endsWith('*');
    if (lead && trail) return (t) => t.includes(inner);
    if (trail) return (t) => t.startsWith(inner);
    return (t) => t.endsWith(inner);
  }
  const re = new RegExp('^' + p.split(/\*+/).map(escapeRegex).join('[\\s\\S]*') + '$');
  return (t) => re.test(t);
}

// ---------------------------------------------------------------- value matching

/** Per-value matcher for `x=v`: wildcard text, numeric equality, CIDR range. */
function compileValueMatcher(value: SearchValue): (v: Scalar) => boolean {
  const text = value.text;
  const wildcard = compileWildcard(text);
  const hasWildcard = text.includes('*');
  // "5" matches 5.0: when both sides are numbers Splunk compares them as numbers.
  const number = !hasWildcard && isNumeric(text) ? Number(text) : undefined;
  const cidr = !hasWildcard && looksLikeCidr(text) ? compileCidr(text) : undefined;
  return (v) => {
    if (typeof v === 'number') {
      if (number !== undefined) return v === number;
      return wildcard(toText(v) ?? '');
    }
    if (wildcard(v.toLowerCase())) return true;
    if (number !== undefined) {
      const n = toNumber(v);
      if (n !== undefined && n === number) return true;
    }
    return cidr !== undefined && cidr(v);
  };
}

function anyValue(value: FieldValue | undefined, test: (v: Scalar) => boolean): boolean {
  if (value === undefined) return false;
  if (!Array.isArray(value)) return test(value);
  for (const v of value) if (test(v)) return true;
  return false;
}

function compileCompare(field: string, op: string, value: SearchValue): EventPredicate {
  if (op === '=' || op === '!=') {
    const matchAll = /^\*+$/.test(value.text);
    const matches = matchAll
      ? (fv: FieldValue | undefined) => fv !== undefined && (!Array.isArray(fv) || fv.length > 0)
      : (() => {
          const one = compileValueMatcher(value);
          return (fv: FieldValue | undefined) => anyValue(fv, one);
        })();
    if (op === '=') return (e) => matches(e[field]);
    // `x!=v` is `x=* NOT x=v`: the field must be present and no value may match.
    return (e) => {
      const fv = e[field];
      if (fv === undefined || (Array.isArray(fv) && fv.length === 0)) return false;
      return !matches(fv);
    };
  }
  const target: Scalar = isNumeric(value.text) ? Number(value.text) : value.text;
  const test =
    op === '<' ? (c: number) => c < 0 : op === '>' ? (c: number) => c > 0 : op === '<=' ? (c: number) => c <= 0 : (c: number) => c >= 0;
  return (e) => anyValue(e[field], (v) => test(compareValues(v, target)));
}

// ---------------------------------------------------------------- bare terms

/** Characters that are not segment breakers: letters, digits and anything beyond ASCII. */
const WORD_CHAR = 'A-Za-z0-9\\u0080-\\uffff';

/**
 * A bare term (`failed`, `"*\\cmd.exe"`) matches `_raw` case-insensitively where it starts and ends
 * on segment boundaries: Splunk indexes events as segments split at breaker characters (spaces,
 * punctuation, `_`, `.`, `/`, `=` ...) and a term matches whole segments, so `fail` does not match
 * `failed` but `fail*` does. A leading or trailing `*` lifts the boundary on that side. When an
 * event has no `_raw` (results of a transforming command), the term is tried on every field value.
 */
function compileTerm(value: SearchValue): (raw: string) => boolean {
  const t = value.text.toLowerCase();
  if (/^\*+$/.test(t)) return () => true;
  const core = t.replace(/^\*+/, '').replace(/\*+$/, '');
  const leftFree = t.startsWith('*') || !new RegExp(`^[${WORD_CHAR}]`).test(core);
  const rightFree = t.endsWith('*') || !new RegExp(`[${WORD_CHAR}]$`).test(core);
  const longestLiteral = core.split('*').reduce((a, b) => (b.length > a.length ? b : a), '');
  if (leftFree && rightFree && !core.includes('*')) return (raw) => raw.includes(core);
  const body = core.split(/\*+/).map(escapeRegex).join('[\\s\\S]*?');
  const re = new RegExp(
    (leftFree ? '' : `(?<![${WORD_CHAR}])`) + body + (rightFree ? '' : `(?![${WORD_CHAR}])`),
  );
  // The literal pre-check rejects most events without running the regex.
  return (raw) => raw.includes(longestLiteral) && re.test(raw);
}

// ---------------------------------------------------------------- compile

/** Per-event state shared by all terms of one expression: `_raw` lower-cased at most once. */
interface MatchState {
  event: Event;
  rawLower: string | undefined;
  rawDone: boolean;
}

type StatePredicate = (s: MatchState) => boolean;

function lowerRaw(s: MatchState): string | undefined {
  if (!s.rawDone) {
    const raw = s.event._raw;
    s.rawLower = raw === undefined ? undefined : (toText(Array.isArray(raw) ? raw.join('\n') : raw) ?? '').toLowerCase();
    s.rawDone = true;
  }
  return s.rawLower;
}

function build(expr: SearchExpr): StatePredicate {
  switch (expr.type) {
    case 'and': {
      const items = expr.items.map(build);
      return (s) => {
        for (const p of items) if (!p(s)) return false;
        return true;
      };
    }
    case 'or': {
      const items = expr.items.map(build);
      return (s) => {
        for (const p of items) if (p(s)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = build(expr.expr);
      return (s) => !inner(s);
    }
    case 'compare': {
      const p = compileCompare(expr.field, expr.op, expr.value);
      return (s) => p(s.event);
    }
    case 'in': {
      // `x IN (a, b*)` is `x=a OR x=b*`.
      const ps = expr.values.map((v) => compileCompare(expr.field, '=', v));
      return (s) => {
        for (const p of ps) if (p(s.event)) return true;
        return false;
      };
    }
    case 'term': {
      const term = compileTerm(expr.value);
      return (s) => {
        const raw = lowerRaw(s);
        if (raw !== undefined) return term(raw);
        for (const [k, v] of Object.entries(s.event)) {
          if (k.startsWith('_') || v === undefined) continue;
          if (anyValue(v, (x) => term((toText(x) ?? '').toLowerCase()))) return true;
        }
        return false;
      };
    }
    case 'subsearch':
      throw new SearchMatchError('a subsearch must be resolved by the command layer before matching', expr.span);
    default: {
      const never: never = expr;
      throw new SearchMatchError(`unknown search expression ${(never as { type: string }).type}`);
    }
  }
}

/**
 * Compile a search expression into an event predicate. Throws `SearchMatchError` (with the span)
 * for an expression that cannot be matched, e.g. an unresolved subsearch.
 */
export function compileSearch(expr: SearchExpr): EventPredicate {
  const p = build(expr);
  return (event) => p({ event, rawLower: undefined, rawDone: false });
}

const compiled = new WeakMap<SearchExpr, EventPredicate>();

/** Match one event; compiles the expression on first use and caches it (by AST node identity). */
export function matchSearch(expr: SearchExpr, event: Event): boolean {
  let p = compiled.get(expr);
  if (!p) {
    p = compileSearch(expr);
    compiled.set(expr, p);
  }
  return p(event);
}
