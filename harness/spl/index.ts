/**
 * The SPL front end's entry point for a detection: expand its macros, parse the result, and
 * report every problem at a line and column of the detection (and of the macro, when the
 * problem sits inside a macro's definition).
 */
import type { Content, YamlFile, YamlPath } from '../content/types.js';
import type { Pipeline } from './ast.js';
import { expandMacros, type Expansion } from './expand.js';
import { parseSearch } from './parse.js';
import { offsetAt, positionAt, scalarSourceOffset } from './position.js';
import { locateNode } from '../content/block-locate.js';

export { parseSearch, parseSearchExpression, parseEvalExpression } from './parse.js';
export { expandMacros } from './expand.js';
export type { Expansion, ExpansionError, Origin } from './expand.js';
export { renderPipeline, renderSearchExpr, renderEvalExpr } from './render.js';

export interface CompileError {
  message: string;
  /** 1-based, in the YAML file when `opts.file` is given, else in the search text. */
  line: number;
  column: number;
  /** The macro (key) whose definition holds the problem; line/column then point at its call. */
  inMacro?: string;
  /** The macro's file and the position inside it, when the macro comes from a file. */
  macroFile?: string;
  macroLine?: number;
  macroColumn?: number;
}

export interface CompileOptions {
  detectionFilterDefault?: boolean;
  /** The YAML file holding the search and the path of the search value in it, for file positions. */
  file?: YamlFile;
  path?: YamlPath;
}

export interface Compiled {
  expanded: Expansion;
  pipeline: Pipeline;
  errors: CompileError[];
}

/**
 * Maps offsets of a YAML string value (or of a bare text) to 1-based positions. The value is
 * located in its file on the first question only: most searches compile without an error to place.
 */
export function valuePositioner(value: string, file?: YamlFile, path?: YamlPath): (offset: number) => { line: number; column: number } {
  if (!file || !path) return (offset) => positionAt(value, offset);
  let startOffset: number | undefined;
  return (offset) => {
    if (startOffset === undefined) {
      const start = locateNode(file, path);
      startOffset = offsetAt(file.text, start.line, start.column);
    }
    return positionAt(file.text, scalarSourceOffset(file.text, startOffset, value, offset));
  };
}

export function compileDetectionSearch(search: string, content: Content, opts: CompileOptions = {}): Compiled {
  const expanded = expandMacros(search, content.macros, { detectionFilterDefault: opts.detectionFilterDefault });
  const { pipeline, errors: parseErrors } = parseSearch(expanded.text);
  const inSearch = valuePositioner(search, opts.file, opts.path);

  const inMacroFile = (key: string, offset: number) => {
    const macro = content.macros.get(key);
    if (!macro) return {};
    const pos = valuePositioner(macro.definition, macro.file, ['definition'])(offset);
    return { macroFile: macro.file.relPath, macroLine: pos.line, macroColumn: pos.column };
  };

  const errors: CompileError[] = [];
  for (const e of expanded.errors) {
    const err: CompileError = { message: e.message, ...inSearch(e.span.start) };
    if (e.inMacro) {
      err.inMacro = e.inMacro;
      Object.assign(err, inMacroFile(e.inMacro, e.macroOffset ?? 0));
      if (!err.macroFile && e.macroFile) err.macroFile = e.macroFile;
    }
    errors.push(err);
  }
  // A call that failed to expand is kept as written; the parse errors it causes repeat the
  // expansion error, so they are left out.
  const inFailedCall = (offset: number) => expanded.errors.some((x) => offset >= x.expandedSpan.start && offset < x.expandedSpan.end);
  for (const e of parseErrors) {
    if (inFailedCall(e.span.start)) continue;
    const o = expanded.origin(e.span.start);
    const err: CompileError = { message: e.message, ...inSearch(o.inMacro ? o.callStart : o.offset) };
    if (o.inMacro) {
      err.inMacro = o.inMacro;
      Object.assign(err, inMacroFile(o.inMacro, o.offset));
      if (!err.macroFile && o.macroFile) err.macroFile = o.macroFile;
    }
    errors.push(err);
  }
  return { expanded, pipeline, errors };
}
