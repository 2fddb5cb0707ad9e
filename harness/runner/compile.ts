import type { FilterMacroMode } from '../config.js';
import type { Content, YamlFile } from '../content/types.js';
import type { Pipeline } from '../spl/ast.js';
import { compileDetectionSearch, valuePositioner } from '../spl/index.js';
import { isFilterMacroName } from '../spl/builtin-macros.js';
import { scanMacroCalls } from '../spl/macros.js';

/**
 * A search as the runner needs it: macros expanded (an unknown macro is an error), parsed, and
 * the expanded text the AST spans point into. Problems come back as readable messages with
 * their position in the detection file (and in the macro file when they sit in a macro).
 */
export interface CompiledSearch {
  text: string;
  pipeline: Pipeline;
  errors: string[];
}

export function compileSearchText(search: string, content: Content, file?: YamlFile, opts: { filterMacros?: FilterMacroMode } = {}): CompiledSearch {
  // A missing `<name>_filter` is contentctl's generated `search *` unless the config requires them.
  const detectionFilterDefault = opts.filterMacros !== 'required';
  const compiled = compileDetectionSearch(search, content, { ...(file ? { file, path: ['search'] } : {}), detectionFilterDefault });
  const errors = compiled.errors.map((e) => {
    const where = file ? `${file.relPath}:${e.line}:${e.column}` : `search ${e.line}:${e.column}`;
    const macro = e.inMacro ? ` (in macro \`${e.inMacro}\`${e.macroFile ? ` at ${e.macroFile}:${e.macroLine ?? '?'}:${e.macroColumn ?? '?'}` : ''})` : '';
    return `${where}: ${e.message}${macro}`;
  });
  return { text: compiled.expanded.text, pipeline: compiled.pipeline, errors };
}

/** Where an offset of the expanded search was written: a detection file position, and the macro it sits in (the call's position then). */
export interface SearchPosition {
  line: number;
  column: number;
  macro?: string;
  /** Inside the detection's filter macro: the site's tuning, not the detection's logic. */
  filterMacro?: boolean;
  /**
   * The characters of the search as written that produced this offset: the one character, or the
   * whole macro call (backticks included) when the offset comes from a macro's expansion.
   */
  written: { start: number; end: number };
}

/** Maps offsets of the expanded search back to the detection file, as compile errors are reported. */
export function searchLocator(search: string, content: Content, file?: YamlFile): (offset: number) => SearchPosition {
  const compiled = compileDetectionSearch(search, content, file ? { file, path: ['search'] } : {});
  const inSearch = valuePositioner(search, file, file ? ['search'] : undefined);
  const calls = scanMacroCalls(search);
  return (offset) => {
    const o = compiled.expanded.origin(offset);
    const at = inSearch(o.inMacro ? o.callStart : o.offset);
    if (!o.inMacro) return { ...at, written: { start: o.offset, end: o.offset + 1 } };
    const name = o.inMacro.replace(/\(\d+\)$/, '');
    const call = calls.find((c) => c.start === o.callStart);
    const written = { start: o.callStart, end: call ? call.end : o.callStart + 1 };
    return { ...at, macro: name, written, ...(isFilterMacroName(name) ? { filterMacro: true } : {}) };
  };
}
