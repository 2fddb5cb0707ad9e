import type { Content, Detection, Macro } from '../content/types.js';
import { scanMacroCalls } from '../spl/macros.js';
import { BUILTIN_MACROS } from './data/builtin-macros.js';
import { isObj } from '../common/text.js';

/** The raw YAML mapping of a detection's tags (the loader's typed view trusts the types; rules must not). */
export const rawTags = (d: Detection): Record<string, unknown> => (isObj(d.raw.tags) ? d.raw.tags : {});

/** A detection is "in production" for the rules that only bind shipped content. */
export const isProduction = (d: Detection) => d.status === 'production' && !d.deprecated;

/** Default filter macro ESCU creates when none is defined: `<name>_filter` → `search *`. */
export const isFilterMacroKey = (key: string) => key.endsWith('_filter');

export interface MacroUse {
  /** Call name (`name` or `name(N)`). */
  key: string;
  /** Macros from the detection's search down to this call, outermost first (empty when called by the search itself). */
  via: string[];
  macro?: Macro;
  /** Known as shipped by the CIM add-on or Enterprise Security. */
  builtin: boolean;
}

const macroUseCache = new WeakMap<Detection, MacroUse[]>();

/**
 * Every macro a detection's search calls, directly and through macro definitions, in first-call
 * order, each once. Recursion stops at undefined macros, at built-ins and at cycles.
 */
export function macroUses(detection: Detection, macros: Content['macros']): MacroUse[] {
  const hit = macroUseCache.get(detection);
  if (hit) return hit;
  const uses: MacroUse[] = [];
  const seen = new Set<string>();
  const visit = (text: string, via: string[]) => {
    for (const call of scanMacroCalls(text)) {
      if (call.name.includes('$') || seen.has(call.key)) continue; // `$arg$`-built names are only known after expansion
      seen.add(call.key);
      const macro = macros.get(call.key);
      uses.push({ key: call.key, via, macro, builtin: !macro && BUILTIN_MACROS.has(call.key) });
      if (macro) visit(macro.definition, [...via, call.key]);
    }
  };
  visit(detection.search, []);
  macroUseCache.set(detection, uses);
  return uses;
}

const searchTextCache = new WeakMap<Detection, string>();

/** The search plus the definitions of every macro it uses: where a field the detection produces can be named. */
export function searchWithMacroText(detection: Detection, macros: Content['macros']): string {
  let text = searchTextCache.get(detection);
  if (text === undefined) {
    text = [detection.search, ...macroUses(detection, macros).map((u) => u.macro?.definition ?? '')].join('\n');
    searchTextCache.set(detection, text);
  }
  return text;
}

export const stringList = (v: unknown): Array<{ value: string; index: number }> =>
  Array.isArray(v) ? v.flatMap((x, index) => (typeof x === 'string' ? [{ value: x, index }] : [])) : [];

/** `$token$` names in a message or drilldown (Splunk's token syntax). */
export function dollarTokens(text: string): Array<{ name: string; offset: number }> {
  const out: Array<{ name: string; offset: number }> = [];
  const re = /\$([^\s$]+)\$/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ name: m[1], offset: m.index });
  return out;
}

export { isObj };
