import type { Content } from '../content/types.js';
import type { Pipeline } from '../spl/ast.js';
import { expandMacros } from '../spl/expand.js';
import { parseSearch } from '../spl/parse.js';

/**
 * A search as the runner needs it: macros expanded (an unknown macro is an error), parsed, and
 * the expanded text the AST spans point into. Problems come back as readable messages.
 */
export interface CompiledSearch {
  text: string;
  pipeline: Pipeline;
  errors: string[];
}

export function compileSearchText(search: string, content: Content): CompiledSearch {
  const expansion = expandMacros(search, content.macros);
  const errors = expansion.errors.map((e) => (e.inMacro ? `${e.message} (in macro \`${e.inMacro}\`)` : e.message));
  const parsed = parseSearch(expansion.text);
  for (const e of parsed.errors) errors.push(`SPL syntax: ${e.message} at ${e.span.start}: ${expansion.text.slice(e.span.start, e.span.start + 40)}`);
  return { text: expansion.text, pipeline: parsed.pipeline, errors };
}
