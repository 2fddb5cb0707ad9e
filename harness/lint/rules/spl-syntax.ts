import { compileDetectionSearch } from '../../spl/index.js';
import type { Rule } from '../types.js';
import { ruleInfo } from '../../report/rules.js';

/**
 * The search goes through the same SPL front end as `test` (macro expansion, then the parser):
 * unbalanced parentheses, quotes or backticks, a macro cycle, a malformed command are errors at
 * their line and column, so the PR lint workflow (validate alone) catches what `test` would.
 */
export const splSyntaxRule: Rule = {
  ...ruleInfo('spl-syntax'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!d.search.trim()) continue;
      const { errors, expanded } = compileDetectionSearch(d.search, ctx.content, { file: d.file, path: ['search'] });
      for (const [i, e] of errors.entries()) {
        // A macro that cannot be had is macro-exists' to report (it knows the CIM and ES built-ins);
        // the expansion's errors come first, one each.
        if (i < expanded.errors.length && expanded.macroProblem(expanded.errors[i])) continue;
        const macro = e.inMacro ? ` (in macro \`${e.inMacro}\`${e.macroFile ? ` at ${e.macroFile}:${e.macroLine ?? '?'}:${e.macroColumn ?? '?'}` : ''})` : '';
        ctx.report({ file: d.file, path: ['search'], position: { line: e.line, column: e.column }, message: `${e.message}${macro}`, detection: d });
      }
    }
  },
};
