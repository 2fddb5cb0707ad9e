/**
 * The small declarative vocabulary that source tables (`sources/`) and CIM data models (`cim/`)
 * are written in, and its compiler. Data says *what* a field is (`basename` of `Image`, the
 * `EventCode` looked up in a table, ...); this module turns it, once, into plain closures so the
 * per-event cost is a few property reads and no regex construction.
 *
 * Two kinds of term:
 * - `Expr`: computes a value from an event (undefined = null).
 * - `Cond`: a search-style test (field = value with `*` wildcards, case-insensitive like Splunk's
 *   search for field values; any value of a multivalue field may match).
 */

import type { Event, FieldValue, Scalar } from '../common/event.js';
import { escapeRegex, wildcardRegex } from '../common/text.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary

export type Expr =
  /** The value of a field (null when absent). */
  | { field: string }
  /** A literal. */
  | { const: Scalar }
  /** The first argument that is not null and not the empty string. */
  | { coalesce: Expr[] }
  /** Text after the last `\` or `/` (Windows or POSIX path → file name). */
  | { basename: Expr }
  /** Text before the last `\` or `/`, without it; null when there is none. */
  | { dirname: Expr }
  | { lower: Expr }
  | { upper: Expr }
  /** `0xf84` → 3972 (hex with or without `0x`); plain decimal text → that number; else null. */
  | { hexToDecimal: Expr }
  /** Text that is a whole integer → that number (else unchanged). */
  | { number: Expr }
  /** `DOMAIN\user` or `user@domain` → `user`; plain text unchanged. */
  | { userPart: Expr }
  /** `DOMAIN\user` → `DOMAIN`, `user@domain` → `domain`; null when there is none. */
  | { domainPart: Expr }
  /** A capture group of a regular expression (compiled once); null when it does not match. */
  | { regex: Expr; pattern: string; group?: number | string; flags?: string }
  /** Every match of a regex's group 1 (or `group`), as a multivalue; null when none. */
  | { regexAll: Expr; pattern: string; group?: number | string; flags?: string }
  /** A lookup table: the value (lower-cased when `caseInsensitive`, the default) → output. */
  | { map: Expr; table: Record<string, FieldValue>; default?: FieldValue; caseSensitive?: boolean }
  /** String concatenation; null if any part is null. */
  | { concat: Expr[] }
  /** Conditional. */
  | { if: Cond; then: Expr; else?: Expr }
  /** Null when the value (case-insensitively) equals one of `values`, e.g. "-". */
  | { nullIf: Expr; values: string[] }
  /** Split text on a separator into a multivalue (empty parts dropped). */
  | { split: Expr; separator: string }
  /** From `K1=v1,K2=v2` text, the value of key `key` (case-insensitive). */
  | { pick: Expr; key: string; pairSeparator?: string; keyValueSeparator?: string }
  /** Trim whitespace (and surrounding double quotes when `quotes`). */
  | { trim: Expr; quotes?: boolean }
  /** Replace every regex match (compiled once) with `with` ($1 references allowed). */
  | { replace: Expr; pattern: string; with: string; flags?: string }
  /** ISO-8601 or epoch-milliseconds text → epoch seconds (number). */
  | { epochSeconds: Expr }
  /** The value if it is a number (or numeric text), else null. */
  | { numeric: Expr }
  /** The number of values (mvcount); null when absent. */
  | { count: Expr }
  /** Length of the text. */
  | { length: Expr }
  /** a + b when both are numbers, else null. */
  | { sum: [Expr, Expr] }
  /** a - b when both are numbers, else null. */
  | { difference: [Expr, Expr] }
  /**
   * One value of a multivalue (mvindex; negative counts from the end), only when the field has
   * at least `minCount` values (default 1).
   */
  | { mvIndex: Expr; index: number; minCount?: number }
  /** From parallel name/value multivalues (`X{}.Name`, `X{}.Value`), the value named `key`. */
  | { pairValue: { names: Expr; values: Expr; key: string } };

export type Cond =
  /** Field test. With no operator: the field exists (like `field=*`). */
  | {
      field: string;
      /** Equals (case-insensitive; `*` wildcard). */
      eq?: Scalar;
      /** Equals one of. */
      in?: Scalar[];
      /** Field is present and not empty (true) / absent or empty (false). */
      exists?: boolean;
      /** Numeric comparisons. */
      gte?: number;
      lte?: number;
      /** Equals another field's value, exactly (eval's `a==b`: case-sensitive, both present). */
      sameAs?: string;
    }
  /**
   * A bare search term or quoted phrase of an eventtypes.conf search, on `_raw`: case-insensitive,
   * whole segments only (`su` does not match `sudo`), `*` a wildcard, spaces any whitespace.
   */
  | { term: string }
  | { all: Cond[] }
  | { any: Cond[] }
  | { not: Cond };

export type Getter = (event: Event) => FieldValue | undefined;
export type Predicate = (event: Event) => boolean;

/** A data definition that does not compile (bad regex, unknown operator): a clear message. */
export class TransformError extends Error {}

// ---------------------------------------------------------------------------------------------
// Helpers on values

const isEmpty = (v: FieldValue | undefined): v is undefined => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Apply a scalar function to each value of a (possibly multivalue) value. */
function mapValue(v: FieldValue | undefined, fn: (s: Scalar) => Scalar | undefined): FieldValue | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return fn(v);
  const out: Scalar[] = [];
  for (const x of v) {
    const y = fn(x);
    if (y !== undefined) out.push(y);
  }
  return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
}

const text = (s: Scalar) => (typeof s === 'string' ? s : String(s));

function basename(s: Scalar): Scalar {
  const t = text(s);
  const i = Math.max(t.lastIndexOf('\\'), t.lastIndexOf('/'));
  return i < 0 ? t : t.slice(i + 1);
}

function dirname(s: Scalar): Scalar | undefined {
  const t = text(s);
  const i = Math.max(t.lastIndexOf('\\'), t.lastIndexOf('/'));
  return i < 0 ? undefined : t.slice(0, i);
}

const HEX = /^(?:0x)?([0-9a-f]+)$/i;
const DEC = /^-?\d+$/;
function hexToDecimal(s: Scalar): Scalar | undefined {
  if (typeof s === 'number') return s;
  const t = s.trim();
  if (/^0x/i.test(t)) {
    const m = HEX.exec(t);
    return m ? parseInt(m[1], 16) : undefined;
  }
  if (DEC.test(t)) return Number(t);
  const m = HEX.exec(t);
  return m ? parseInt(m[1], 16) : undefined;
}

function userPart(s: Scalar): Scalar {
  const t = text(s);
  const b = t.lastIndexOf('\\');
  if (b >= 0) return t.slice(b + 1);
  const a = t.indexOf('@');
  return a > 0 ? t.slice(0, a) : t;
}

function domainPart(s: Scalar): Scalar | undefined {
  const t = text(s);
  const b = t.indexOf('\\');
  if (b >= 0) return t.slice(0, b);
  const a = t.indexOf('@');
  return a > 0 ? t.slice(a + 1) : undefined;
}

function epochSeconds(s: Scalar): Scalar | undefined {
  if (typeof s === 'number') return s > 1e11 ? s / 1000 : s;
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return n > 1e11 ? n / 1000 : n;
  }
  // Sysmon writes `2020-10-08 11:03:46.615` (UTC, no zone).
  const iso = /^\d{4}-\d\d-\d\d \d/.test(t) ? t.replace(' ', 'T') + 'Z' : t;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

function numeric(s: Scalar): Scalar | undefined {
  if (typeof s === 'number') return s;
  const t = s.trim();
  return t !== '' && !Number.isNaN(Number(t)) ? Number(t) : undefined;
}

function firstNumber(v: FieldValue | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = numeric(Array.isArray(v) ? v[0] : v);
  return typeof n === 'number' ? n : undefined;
}

function makeRegex(pattern: string, flags: string | undefined, where: string): RegExp {
  try {
    return new RegExp(pattern, flags ?? '');
  } catch (e) {
    throw new TransformError(`${where}: bad regular expression /${pattern}/: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Compilers

/** Compile an expression once into a getter. `where` names the data file/field for errors. */
export function compileExpr(expr: Expr, where = 'expression'): Getter {
  if ('field' in expr) {
    const name = expr.field;
    return (e) => e[name];
  }
  if ('const' in expr) {
    const v = expr.const;
    return () => v;
  }
  if ('coalesce' in expr) {
    const parts = expr.coalesce.map((x) => compileExpr(x, where));
    return (e) => {
      for (const p of parts) {
        const v = p(e);
        if (!isEmpty(v)) return v;
      }
      return undefined;
    };
  }
  if ('basename' in expr) return unary(expr.basename, where, basename);
  if ('dirname' in expr) return unary(expr.dirname, where, dirname);
  if ('lower' in expr) return unary(expr.lower, where, (s) => text(s).toLowerCase());
  if ('upper' in expr) return unary(expr.upper, where, (s) => text(s).toUpperCase());
  if ('hexToDecimal' in expr) return unary(expr.hexToDecimal, where, hexToDecimal);
  if ('number' in expr) return unary(expr.number, where, (s) => (typeof s === 'string' && DEC.test(s) ? Number(s) : s));
  if ('userPart' in expr) return unary(expr.userPart, where, userPart);
  if ('domainPart' in expr) return unary(expr.domainPart, where, domainPart);
  if ('epochSeconds' in expr) return unary(expr.epochSeconds, where, epochSeconds);
  if ('numeric' in expr) return unary(expr.numeric, where, numeric);
  if ('count' in expr) {
    const inner = compileExpr(expr.count, where);
    return (e) => {
      const v = inner(e);
      return v === undefined ? undefined : Array.isArray(v) ? v.length : 1;
    };
  }
  if ('length' in expr) return unary(expr.length, where, (s) => text(s).length);
  if ('sum' in expr || 'difference' in expr) {
    const [a, b] = ('sum' in expr ? expr.sum : expr.difference).map((x) => compileExpr(x, where));
    const sign = 'sum' in expr ? 1 : -1;
    return (e) => {
      const x = firstNumber(a(e));
      const y = firstNumber(b(e));
      return x === undefined || y === undefined ? undefined : x + sign * y;
    };
  }
  if ('mvIndex' in expr) {
    const inner = compileExpr(expr.mvIndex, where);
    const index = expr.index;
    const minCount = expr.minCount ?? 1;
    return (e) => {
      const v = inner(e);
      if (v === undefined) return undefined;
      const list = Array.isArray(v) ? v : [v];
      if (list.length < minCount) return undefined;
      return list[index < 0 ? list.length + index : index];
    };
  }
  if ('pairValue' in expr) {
    const names = compileExpr(expr.pairValue.names, where);
    const values = compileExpr(expr.pairValue.values, where);
    const key = expr.pairValue.key.toLowerCase();
    return (e) => {
      const n = names(e);
      const v = values(e);
      if (n === undefined || v === undefined) return undefined;
      const ns = Array.isArray(n) ? n : [n];
      const vs = Array.isArray(v) ? v : [v];
      const i = ns.findIndex((x) => text(x).toLowerCase() === key);
      return i < 0 ? undefined : vs[i];
    };
  }
  if ('trim' in expr) {
    const quotes = expr.quotes === true;
    return unary(expr.trim, where, (s) => {
      let t = text(s).trim();
      if (quotes && t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
      return t;
    });
  }
  if ('regex' in expr) {
    const re = makeRegex(expr.pattern, expr.flags, where);
    const group = expr.group ?? 1;
    return unary(expr.regex, where, (s) => {
      const m = re.exec(text(s));
      if (!m) return undefined;
      const g = typeof group === 'number' ? m[group] : m.groups?.[group];
      return g === undefined ? undefined : g;
    });
  }
  if ('regexAll' in expr) {
    const flags = (expr.flags ?? '').includes('g') ? expr.flags! : (expr.flags ?? '') + 'g';
    const re = makeRegex(expr.pattern, flags, where);
    const group = expr.group ?? 1;
    const inner = compileExpr(expr.regexAll, where);
    return (e) => {
      const v = inner(e);
      if (v === undefined) return undefined;
      const out: Scalar[] = [];
      for (const s of Array.isArray(v) ? v : [v]) {
        for (const m of text(s).matchAll(re)) {
          const g = typeof group === 'number' ? m[group] : m.groups?.[group];
          if (g !== undefined) out.push(g);
        }
      }
      return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
    };
  }
  if ('replace' in expr) {
    const flags = (expr.flags ?? '').includes('g') ? expr.flags! : (expr.flags ?? '') + 'g';
    const re = makeRegex(expr.pattern, flags, where);
    const by = expr.with;
    return unary(expr.replace, where, (s) => text(s).replace(re, by));
  }
  if ('map' in expr) {
    const caseSensitive = expr.caseSensitive === true;
    const table = new Map<string, FieldValue>();
    for (const [k, v] of Object.entries(expr.table)) table.set(caseSensitive ? k : k.toLowerCase(), v);
    const fallback = expr.default;
    const inner = compileExpr(expr.map, where);
    return (e) => {
      const v = inner(e);
      if (v === undefined) return fallback;
      const key = text(Array.isArray(v) ? v[0] : v);
      const hit = table.get(caseSensitive ? key : key.toLowerCase());
      return hit !== undefined ? hit : fallback;
    };
  }
  if ('concat' in expr) {
    const parts = expr.concat.map((x) => compileExpr(x, where));
    return (e) => {
      let out = '';
      for (const p of parts) {
        const v = p(e);
        if (v === undefined) return undefined;
        out += text(Array.isArray(v) ? v[0] : v);
      }
      return out;
    };
  }
  if ('if' in expr) {
    const test = compileCond(expr.if, where);
    const then = compileExpr(expr.then, where);
    const otherwise = expr.else ? compileExpr(expr.else, where) : () => undefined;
    return (e) => (test(e) ? then(e) : otherwise(e));
  }
  if ('nullIf' in expr) {
    const drop = new Set(expr.values.map((s) => s.toLowerCase()));
    return unary(expr.nullIf, where, (s) => (drop.has(text(s).toLowerCase()) ? undefined : s));
  }
  if ('split' in expr) {
    const sep = expr.separator;
    const inner = compileExpr(expr.split, where);
    return (e) => {
      const v = inner(e);
      if (v === undefined) return undefined;
      const out: Scalar[] = [];
      for (const s of Array.isArray(v) ? v : [v]) for (const part of text(s).split(sep)) if (part.trim() !== '') out.push(part.trim());
      return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
    };
  }
  if ('pick' in expr) {
    const key = expr.key.toLowerCase();
    const pairSep = expr.pairSeparator ?? ',';
    const kvSep = expr.keyValueSeparator ?? '=';
    return unary(expr.pick, where, (s) => {
      for (const pair of text(s).split(pairSep)) {
        const i = pair.indexOf(kvSep);
        if (i > 0 && pair.slice(0, i).trim().toLowerCase() === key) return pair.slice(i + kvSep.length).trim();
      }
      return undefined;
    });
  }
  throw new TransformError(`${where}: unknown expression ${JSON.stringify(expr)}`);
}

function unary(arg: Expr, where: string, fn: (s: Scalar) => Scalar | undefined): Getter {
  const inner = compileExpr(arg, where);
  return (e) => mapValue(inner(e), fn);
}

/** A wildcard pattern (`*` any run), case-insensitive, compiled once. */
export function wildcardTest(pattern: Scalar): (value: Scalar) => boolean {
  const p = text(pattern);
  if (!p.includes('*')) {
    const lower = p.toLowerCase();
    return (v) => (typeof v === 'number' ? String(v) === p || Number(p) === v : v.toLowerCase() === lower);
  }
  const re = wildcardRegex(p, 'i');
  return (v) => re.test(text(v));
}

function anyValue(v: FieldValue | undefined, test: (s: Scalar) => boolean): boolean {
  if (v === undefined) return false;
  if (!Array.isArray(v)) return test(v);
  for (const x of v) if (test(x)) return true;
  return false;
}

/**
 * A test on a field's value (any value of a multivalue). The last single value and its answer
 * are remembered: consecutive events mostly repeat source, sourcetype and EventCode, and this
 * spares the lower-casing and lookups.
 */
function valueTest(test: (s: Scalar) => boolean): (v: FieldValue | undefined) => boolean {
  let lastValue: Scalar | undefined;
  let lastAnswer = false;
  return (v) => {
    if (v === undefined) return false;
    if (Array.isArray(v)) return anyValue(v, test);
    if (v === lastValue) return lastAnswer;
    lastAnswer = test(v);
    lastValue = v;
    return lastAnswer;
  };
}

/** Compile a condition once into a predicate. */
/** Characters that are not segment breakers (as the engine's bare-term search). */
const SEGMENT_CHAR = 'A-Za-z0-9\\u0080-\\uffff';

/**
 * A term on `_raw` the way Splunk's index matches one: the text must start and end on segment
 * boundaries unless a `*` at that end lifts it (Search Manual, "Event segmentation and
 * searching"). A phrase's words may be separated by any run of whitespace.
 */
function termTest(term: string): Predicate {
  const core = term.replace(/^\*+/, '').replace(/\*+$/, '');
  if (core === '') return () => true;
  const leftFree = term.startsWith('*') || !new RegExp(`^[${SEGMENT_CHAR}]`).test(core);
  const rightFree = term.endsWith('*') || !new RegExp(`[${SEGMENT_CHAR}]$`).test(core);
  const body = core
    .split(/\*+/)
    .map((part) => part.split(/\s+/).map(escapeRegex).join('\\s+'))
    .join('[\\s\\S]*?');
  const re = new RegExp((leftFree ? '' : `(?<![${SEGMENT_CHAR}])`) + body + (rightFree ? '' : `(?![${SEGMENT_CHAR}])`), 'i');
  return (e) => {
    const raw = e._raw;
    return typeof raw === 'string' && re.test(raw);
  };
}

export function compileCond(cond: Cond, where = 'condition'): Predicate {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compileCond(c, where));
    return (e) => {
      for (const p of parts) if (!p(e)) return false;
      return true;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compileCond(c, where));
    return (e) => {
      for (const p of parts) if (p(e)) return true;
      return false;
    };
  }
  if ('not' in cond) {
    const inner = compileCond(cond.not, where);
    return (e) => !inner(e);
  }
  if ('term' in cond) return termTest(cond.term);
  if (!('field' in cond)) throw new TransformError(`${where}: unknown condition ${JSON.stringify(cond)}`);
  const name = cond.field;
  const tests: Array<(v: FieldValue | undefined) => boolean> = [];
  if (cond.eq !== undefined) tests.push(valueTest(wildcardTest(cond.eq)));
  if (cond.in !== undefined) {
    const exact = new Set<string>();
    const wild: Array<(s: Scalar) => boolean> = [];
    for (const x of cond.in) {
      const s = text(x);
      if (s.includes('*')) wild.push(wildcardTest(s));
      else exact.add(s.toLowerCase());
    }
    tests.push(
      valueTest((s) => {
        if (exact.has(text(s).toLowerCase())) return true;
        for (const w of wild) if (w(s)) return true;
        return false;
      }),
    );
  }
  if (cond.exists !== undefined) {
    const want = cond.exists;
    tests.push((v) => !isEmpty(v) === want);
  }
  if (cond.gte !== undefined) {
    const min = cond.gte;
    tests.push(valueTest((s) => Number(s) >= min));
  }
  if (cond.lte !== undefined) {
    const max = cond.lte;
    tests.push(valueTest((s) => Number(s) <= max));
  }
  if (cond.sameAs !== undefined) {
    const other = cond.sameAs;
    const rest = compileCond({ ...cond, sameAs: undefined }, where);
    return (e) => {
      const a = e[name];
      const b = e[other];
      return !isEmpty(a) && !isEmpty(b) && !Array.isArray(a) && !Array.isArray(b) && text(a) === text(b) && rest(e);
    };
  }
  if (tests.length === 0) return (e) => !isEmpty(e[name]);
  if (tests.length === 1) {
    const t = tests[0];
    return (e) => t(e[name]);
  }
  return (e) => {
    const v = e[name];
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

/**
 * Every field name an expression or condition reads (each `{ field: ... }` inside it), so a
 * consumer can copy just those fields from an event.
 */
export function fieldsRead(term: Expr | Cond, into: Set<string> = new Set()): Set<string> {
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if ((k === 'field' || k === 'sameAs') && typeof v === 'string') into.add(v);
        else if (k === 'term') into.add('_raw');
        else walk(v);
      }
    }
  };
  walk(term);
  return into;
}

export { isEmpty };
