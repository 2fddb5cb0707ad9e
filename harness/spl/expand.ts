/**
 * Macro expansion, textual as in Splunk: each `` `name(args)` `` call is replaced by the macro's
 * definition with `$arg$` substituted, and the result is expanded again (recursively), before the
 * search is parsed. A macro with N arguments is looked up as `name(N)`.
 *
 * The expansion keeps a position map so that any offset of the expanded text can be traced
 * back to the detection text or to the macro definition it came from (`origin`).
 */
import type { Macro } from '../content/types.js';
import type { Span } from './ast.js';
import { BUILTIN_MACROS, DEFAULT_FILTER_MACRO, isFilterMacroName } from './builtin-macros.js';
import { scanMacroCalls, type MacroCall } from './macros.js';

export interface ExpansionError {
  message: string;
  /** Offsets in the input text: the call itself, or the top-level call that led to it. */
  span: Span;
  /** The macro whose definition holds the faulty call, when it is not in the input text. */
  inMacro?: string;
  macroFile?: string;
  /** Offset of the faulty call inside that macro's definition. */
  macroOffset?: number;
  /** Where the unexpanded call sits in the expanded text (it is kept as written). */
  expandedSpan: Span;
}

export interface Origin {
  /** The macro (key) whose definition produced this character; absent for the input text. */
  inMacro?: string;
  /** The macro's file (relative path), or a `builtin: ...` description. */
  macroFile?: string;
  /** Offset in the macro definition, or in the input text when not in a macro. */
  offset: number;
  /** Offset in the input text of the top-level macro call that produced it (= offset outside macros). */
  callStart: number;
}

export interface Expansion {
  text: string;
  errors: ExpansionError[];
  /** Keys of every macro expanded, nested ones included, in order of first use. */
  used: string[];
  origin(offset: number): Origin;
  /**
   * What an error says about the macro it names, when it names one that cannot be had: no macro of
   * that name (`unknown`), or none with that many arguments (`arity`); `key` is the call's key.
   */
  macroProblem(error: ExpansionError): { kind: 'unknown' | 'arity'; key: string } | undefined;
}

export interface ExpandOptions {
  /** An undefined `<name>_filter` macro expands to `search *` (default true). */
  detectionFilterDefault?: boolean;
}

/** The definition used for one call: from the content, a built-in, or the default filter. */
interface Definition {
  key: string;
  definition: string;
  arguments: string[];
  file: string;
}

/** A run of output text and where its first character came from. */
interface Segment {
  start: number;
  end: number;
  inMacro?: string;
  macroFile?: string;
  /** Source offset of `start`; later characters follow linearly when `linear`. */
  offset: number;
  linear: boolean;
  callStart: number;
}

/** Text being built, with the source of each run. */
class MappedText {
  text = '';
  segments: Segment[] = [];

  push(str: string, src: Omit<Segment, 'start' | 'end'>): void {
    if (str === '') return;
    const start = this.text.length;
    this.text += str;
    this.segments.push({ ...src, start, end: this.text.length });
  }

  /** Appends text[from, to) of `other`, keeping its mapping. */
  copy(other: MappedText, from: number, to: number): void {
    for (const seg of other.segments) {
      const a = Math.max(seg.start, from);
      const b = Math.min(seg.end, to);
      if (a >= b) continue;
      this.push(other.text.slice(a, b), { ...seg, offset: seg.linear ? seg.offset + (a - seg.start) : seg.offset });
    }
  }

  at(pos: number): Omit<Segment, 'start' | 'end'> | undefined {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid].end <= pos) lo = mid + 1;
      else if (segs[mid].start > pos) hi = mid - 1;
      else {
        const s = segs[mid];
        return { ...s, offset: s.linear ? s.offset + (pos - s.start) : s.offset };
      }
    }
    return undefined;
  }
}

/** Removes one layer of double quotes around a macro argument: `"Processes"` → `Processes`. */
function unquoteArg(arg: string): string {
  if (arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"')) return arg.slice(1, -1).replace(/\\"/g, '"');
  return arg;
}

const arityCache = new WeakMap<Map<string, Macro>, { size: number; byName: Map<string, number[]> }>();

/** Every arity each macro name is defined with (content and built-ins), for arity errors. */
function aritiesByName(macros: Map<string, Macro>): Map<string, number[]> {
  const cached = arityCache.get(macros);
  if (cached && cached.size === macros.size) return cached.byName;
  const byName = new Map<string, number[]>();
  const add = (name: string, n: number) => {
    const list = byName.get(name);
    if (list) list.push(n);
    else byName.set(name, [n]);
  };
  for (const m of macros.values()) add(m.name, m.arguments.length);
  for (const b of BUILTIN_MACROS) add(b.name, b.arguments.length);
  arityCache.set(macros, { size: macros.size, byName });
  return byName;
}

export function expandMacros(text: string, macros: Map<string, Macro>, opts: ExpandOptions = {}): Expansion {
  const filterDefault = opts.detectionFilterDefault ?? true;
  const errors: ExpansionError[] = [];
  const macroProblems = new Map<ExpansionError, { kind: 'unknown' | 'arity'; key: string }>();
  const used: string[] = [];
  const byName = aritiesByName(macros);

  function resolve(call: MacroCall): Definition | { error: string; problem: 'unknown' | 'arity' } {
    const m = macros.get(call.key);
    if (m) return { key: call.key, definition: m.definition, arguments: m.arguments, file: m.file.relPath };
    const b = BUILTIN_MACROS.find((x) => x.name === call.name && x.arguments.length === call.args.length);
    if (b) return { key: call.key, definition: b.definition, arguments: b.arguments, file: b.source };
    const arities = byName.get(call.name);
    if (arities) {
      const want = [...new Set(arities)].sort().join(' or ');
      return { error: `macro \`${call.name}\` takes ${want} argument${want === '1' ? '' : 's'} but is called with ${call.args.length}`, problem: 'arity' };
    }
    if (filterDefault && call.args.length === 0 && isFilterMacroName(call.name)) {
      return { key: call.key, definition: DEFAULT_FILTER_MACRO.definition, arguments: [], file: DEFAULT_FILTER_MACRO.source };
    }
    return { error: `unknown macro \`${call.key}\``, problem: 'unknown' };
  }

  const root = new MappedText();
  root.push(text, { offset: 0, linear: true, callStart: 0 });
  const out = new MappedText();

  /** Expands `src` into `out`; `stack` holds the macros being expanded (cycle detection). */
  function expandInto(src: MappedText, stack: string[]): void {
    let cursor = 0;
    for (const call of scanMacroCalls(src.text)) {
      out.copy(src, cursor, call.start);
      cursor = call.end;
      const here = src.at(call.start)!;
      const topLevel = stack.length === 0;
      const callStart = topLevel ? here.offset : here.callStart;
      const report = (message: string, problem?: 'unknown' | 'arity') => {
        const expandedSpan = { start: out.text.length, end: out.text.length + (call.end - call.start) };
        const err: ExpansionError = { message, span: topLevel ? { start: call.start, end: call.end } : { start: callStart, end: callStart + 1 }, expandedSpan };
        if (problem !== undefined) macroProblems.set(err, { kind: problem, key: call.key });
        if (!topLevel) {
          err.inMacro = here.inMacro;
          err.macroFile = here.macroFile;
          err.macroOffset = here.offset;
          // The top-level call's own length, so the span covers the call in the input text.
          const topCall = scanMacroCalls(text).find((c) => c.start === callStart);
          if (topCall) err.span.end = topCall.end;
        }
        errors.push(err);
        out.copy(src, call.start, call.end); // keep the call as written
      };
      const def = resolve(call);
      if ('error' in def) {
        report(def.error, def.problem);
        continue;
      }
      if (stack.includes(def.key)) {
        report(`macro cycle: ${[...stack, def.key].map((k) => `\`${k}\``).join(' → ')}`);
        continue;
      }
      if (!used.includes(def.key)) used.push(def.key);
      expandInto(substitute(def, call, callStart), [...stack, def.key]);
    }
    out.copy(src, cursor, src.text.length);
  }

  /** The definition with `$arg$` replaced by the call's arguments, mapped to the definition. */
  function substitute(def: Definition, call: MacroCall, callStart: number): MappedText {
    const body = new MappedText();
    const src = { inMacro: def.key, macroFile: def.file, callStart };
    const values = new Map(def.arguments.map((name, i) => [name, unquoteArg(call.args[i] ?? '')]));
    const d = def.definition;
    let cursor = 0;
    if (values.size > 0) {
      for (const m of d.matchAll(/\$([A-Za-z0-9_]+)\$/g)) {
        const value = values.get(m[1]);
        if (value === undefined) continue;
        body.push(d.slice(cursor, m.index), { ...src, offset: cursor, linear: true });
        body.push(value, { ...src, offset: m.index!, linear: false });
        cursor = m.index! + m[0].length;
      }
    }
    body.push(d.slice(cursor), { ...src, offset: cursor, linear: true });
    return body;
  }

  expandInto(root, []);
  return {
    text: out.text,
    errors,
    used,
    macroProblem: (error) => macroProblems.get(error),
    origin(offset: number): Origin {
      // Offsets at or past the end map to the end of the last run.
      const seg = out.at(Math.min(Math.max(offset, 0), Math.max(out.text.length - 1, 0)));
      if (!seg) return { offset: 0, callStart: 0 };
      const past = offset >= out.text.length && out.text.length > 0 ? 1 : 0;
      const o: Origin = { offset: seg.offset + (seg.linear ? past : 0), callStart: seg.inMacro ? seg.callStart : seg.offset + past };
      if (seg.inMacro) {
        o.inMacro = seg.inMacro;
        o.macroFile = seg.macroFile;
      }
      return o;
    },
  };
}
