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
 * - `earliest=` / `latest=` and the other time modifiers match every event (all-time searches);
 * - `field=CASE(Value)` matches case-sensitively.
 *
 * Everything is compiled once per expression (`compileSearch`): per event there is no regex
 * construction, a field value is lower-cased once per test, and `_raw` is never copied (terms
 * run as case-insensitive regexes on it).
 */
import type { SearchExpr, SearchValue, Span } from '../spl/ast.js';
import type { Event, FieldValue, Scalar } from './types.js';
import { compareValues, formatNumber, isNumeric, toNumber, toText } from './values.js';
import { compileCidr, looksLikeCidr } from './functions/cidr.js';
import { escapeRegex } from './regex.js';
import { wildcardRegex } from '../common/text.js';

/** A search expression the matcher cannot evaluate (e.g. a subsearch left unresolved). */
export class SearchMatchError extends Error {
  constructor(
    message: string,
    public readonly span?: Span,
  ) {
    super(message);
    this.name = 'SearchMatchError';
  }
}

export type EventPredicate = (event: Event) => boolean;

// ---------------------------------------------------------------- wildcards

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
  const re = wildcardRegex(p.replace(/\*+/g, '*'));
  return (t) => re.test(t);
}

// ---------------------------------------------------------------- value matching

/**
 * Per-value matcher for `x=v` (or `x IN (v1, v2 ...)`): case-insensitive text with wildcards,
 * numeric equality ("5" matches 5.0), CIDR ranges. The value is lower-cased once, then looked
 * up in a set of exact values before any wildcard pattern runs.
 */
function compileValueMatcher(values: SearchValue[]): (v: Scalar) => boolean {
  const exact = new Set<string>();
  const patterns: Array<(t: string) => boolean> = [];
  const numbers: number[] = [];
  const cidrs: Array<(ip: string) => boolean> = [];
  const caseSensitive: Array<(t: string) => boolean> = [];
  for (const value of values) {
    // Search Manual, "Use CASE() and TERM() to match phrases": `field=CASE(Value)` matches the
    // value case-sensitively; `field=TERM(value)` is the value itself.
    const directive = /^(CASE|TERM)\(([\s\S]*)\)$/.exec(value.quoted ? '' : value.text);
    if (directive && directive[1] === 'CASE') {
      caseSensitive.push(compileWildcard(directive[2], true));
      continue;
    }
    const text = directive ? directive[2] : value.text;
    if (text.includes('*')) {
      patterns.push(compileWildcard(text));
      continue;
    }
    exact.add(text.toLowerCase());
    if (isNumeric(text)) numbers.push(Number(text));
    const cidr = looksLikeCidr(text) ? compileCidr(text) : undefined;
    if (cidr) cidrs.push(cidr);
  }
  return (v) => {
    for (const p of caseSensitive) if (p(typeof v === 'number' ? formatNumber(v) : v)) return true;
    const t = typeof v === 'number' ? formatNumber(v) : lowerCased(v);
    if (exact.has(t)) return true;
    for (const p of patterns) if (p(t)) return true;
    if (numbers.length > 0) {
      const n = typeof v === 'number' ? v : toNumber(v);
      if (n !== undefined && numbers.includes(n)) return true;
    }
    if (typeof v === 'string') for (const c of cidrs) if (c(v)) return true;
    return false;
  };
}

/**
 * `text.toLowerCase()`, remembered for the texts seen last. The shared scan tests one row's
 * values against hundreds of searches (`process_name=…` in most of them): lower-casing each
 * value once instead of once per search saves the copies, most of the garbage of a scan. The
 * memo is keyed by the text itself and bounded.
 */
const LOWER_MEMO_LIMIT = 4096;
const lowerMemo = new Map<string, string>();
function lowerCased(text: string): string {
  let lower = lowerMemo.get(text);
  if (lower === undefined) {
    lower = text.toLowerCase();
    if (lowerMemo.size >= LOWER_MEMO_LIMIT) lowerMemo.clear();
    lowerMemo.set(text, lower);
  }
  return lower;
}

function anyValue(value: FieldValue | undefined, test: (v: Scalar) => boolean): boolean {
  if (value === undefined) return false;
  if (!Array.isArray(value)) return test(value);
  for (const v of value) if (test(v)) return true;
  return false;
}

/** `x=v1 OR x=v2 ...` over a field value; `*` alone means "has a value". */
function compileEquals(values: SearchValue[]): (fv: FieldValue | undefined) => boolean {
  if (values.some((v) => /^\*+$/.test(v.text))) {
    return (fv) => fv !== undefined && (!Array.isArray(fv) || fv.length > 0);
  }
  const one = compileValueMatcher(values);
  return (fv) => anyValue(fv, one);
}

/**
 * Time modifiers written as search terms (Search Manual, "Specify time modifiers in your search":
 * earliest, latest, starthoursago ...) restrict the time range, not a field. The harness runs
 * every search over all time (issue 4: "Searches run over all time"), so they match every event.
 */
export const TIME_MODIFIERS: ReadonlySet<string> = new Set([
  'earliest',
  'latest',
  '_index_earliest',
  '_index_latest',
  'starttime',
  'endtime',
  'timeformat',
  'startdaysago',
  'starthoursago',
  'startminutesago',
  'startmonthsago',
  'starttimeu',
  'enddaysago',
  'endhoursago',
  'endminutesago',
  'endmonthsago',
  'endtimeu',
  'searchtimespandays',
  'searchtimespanhours',
  'searchtimespanminutes',
  'searchtimespanmonths',
]);

function compileCompare(field: string, op: string, value: SearchValue): EventPredicate {
  if (op === '=' && TIME_MODIFIERS.has(field)) return () => true;
  if (op === '=' || op === '!=') {
    const matches = compileEquals([value]);
    if (op === '=') return (e) => matches(e[field]);
    // `x!=v` is `x=* NOT x=v`: the field must be present and no value may match.
    return (e) => {
      const fv = e[field];
      if (fv === undefined || (Array.isArray(fv) && fv.length === 0)) return false;
      return !matches(fv);
    };
  }
  const target: Scalar = isNumeric(value.text) ? Number(value.text) : value.text;
  const test = op === '<' ? (c: number) => c < 0 : op === '>' ? (c: number) => c > 0 : op === '<=' ? (c: number) => c <= 0 : (c: number) => c >= 0;
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
 *
 * One case-insensitive regex per term, run on the text as it is: measured about ten times faster
 * than lower-casing each event's `_raw` first.
 */
function compileTerm(value: SearchValue): (raw: string) => boolean {
  const t = value.text;
  if (/^\*+$/.test(t)) return () => true;
  const core = t.replace(/^\*+/, '').replace(/\*+$/, '');
  const leftFree = t.startsWith('*') || !new RegExp(`^[${WORD_CHAR}]`).test(core);
  const rightFree = t.endsWith('*') || !new RegExp(`[${WORD_CHAR}]$`).test(core);
  const body = core.split(/\*+/).map(escapeRegex).join('[\\s\\S]*?');
  const re = new RegExp((leftFree ? '' : `(?<![${WORD_CHAR}])`) + body + (rightFree ? '' : `(?![${WORD_CHAR}])`), 'i');
  return (raw) => re.test(raw);
}

// ---------------------------------------------------------------- compile

function rawText(raw: FieldValue): string {
  return Array.isArray(raw) ? raw.map((v) => toText(v) ?? '').join('\n') : (toText(raw) ?? '');
}

function build(expr: SearchExpr): EventPredicate {
  switch (expr.type) {
    case 'and': {
      const items = expr.items.map(build);
      return (e) => {
        for (const p of items) if (!p(e)) return false;
        return true;
      };
    }
    case 'or': {
      const items = expr.items.map(build);
      return (e) => {
        for (const p of items) if (p(e)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = build(expr.expr);
      return (e) => !inner(e);
    }
    case 'compare':
      return compileCompare(expr.field, expr.op, expr.value);
    case 'in': {
      // `x IN (a, b*)` is `x=a OR x=b*`, matched in one pass over the field's values.
      const field = expr.field;
      const matches = compileEquals(expr.values);
      return (e) => matches(e[field]);
    }
    case 'term': {
      const term = compileTerm(expr.value);
      return (e) => {
        const raw = e._raw;
        if (raw !== undefined) return term(typeof raw === 'string' ? raw : rawText(raw));
        for (const k in e) {
          const v = e[k];
          if (k.startsWith('_') || v === undefined) continue;
          if (anyValue(v, (x) => term(toText(x) ?? ''))) return true;
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
  return build(expr);
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
