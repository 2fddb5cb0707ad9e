import type { Content, Detection, YamlPath } from '../../content/types.js';
import { expandMacros } from '../../spl/expand.js';
import { parseSearch } from '../../spl/parse.js';
import { outputFields, type OutputFields } from '../../spl/output-fields.js';
import { fieldAppears } from '../../spl/query.js';
import type { Rule } from '../types.js';
import { dollarTokens, isObj, rawTags, searchWithMacroText } from '../util.js';
import { declaredRiskFields } from './risk-fields-in-search.js';
import { ruleInfo } from '../../report/rules.js';

/** Commands that replace the result fields wholesale: nothing before the last of them matters. */
const CLOSING = new Set(['stats', 'tstats', 'table']);

/**
 * The detection's result fields from its expanded search; undefined when they cannot be known.
 * Only the pipeline from its last closing command on counts: what came before cannot reach the
 * results (nor can a parse problem there), and a search with no closing command has open results
 * (nothing to conclude).
 */
function resultFields(d: Detection, macros: Content['macros']): OutputFields | undefined {
  try {
    const { pipeline, errors } = parseSearch(expandMacros(d.search, macros).text);
    let last = -1;
    pipeline.commands.forEach((c, i) => {
      if (CLOSING.has(c.name)) last = i;
    });
    if (last < 0) return undefined; // raw events: any field may be there
    const tail = pipeline.commands.slice(last);
    if (errors.some((e) => e.span.end > tail[0].span.start)) return undefined;
    return outputFields({ commands: tail, span: pipeline.span });
  } catch {
    return undefined; // a parser problem is the parse command's to report, not a lint finding
  }
}

/** Everything the risk framework reads from a result row: risk-bearing fields and message tokens. */
function riskReads(d: Detection): Array<{ field: string; path: YamlPath; kind: string }> {
  const reads = declaredRiskFields(d);
  const rba = d.raw.rba;
  const messages: Array<[unknown, YamlPath]> = [
    [rawTags(d).message, ['tags', 'message']],
    [isObj(rba) ? rba.message : undefined, ['rba', 'message']],
  ];
  for (const [message, path] of messages) {
    if (typeof message !== 'string') continue;
    for (const name of new Set(dollarTokens(message).map((t) => t.name))) reads.push({ field: name, path, kind: 'message token' });
  }
  return reads;
}

const list = (fields: Set<string>) => {
  const all = [...fields];
  return all.slice(0, 8).join(', ') + (all.length > 8 ? `, … (${all.length} fields)` : '');
};

/**
 * Precise sibling of risk-fields-in-search: a field can be named in a search and still be gone
 * from its results (`stats … by Web.dest` without `drop_dm_object_name` yields `Web.dest`, not
 * `dest`). When the parsed pipeline's output fields are fully known (it ends in stats, tstats,
 * table… followed only by commands the analysis models), each risk field and message token must
 * be one of them. Fields the text rules already report are not reported again.
 */
export const riskFieldsInOutputRule: Rule = {
  ...ruleInfo('risk-fields-in-output'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!d.search.trim()) continue;
      const text = searchWithMacroText(d, ctx.content.macros);
      const reads = riskReads(d).filter((r) => fieldAppears(r.field, text)); // the others are reported by the text rules
      if (reads.length === 0) continue;
      const out = resultFields(d, ctx.content.macros);
      if (!out?.closed) continue;
      const reported = new Set<string>();
      for (const { field, path, kind } of reads) {
        if (out.fields.has(field) || reported.has(`${field}\0${path.join('.')}`)) continue;
        reported.add(`${field}\0${path.join('.')}`);
        ctx.report({ file: d.file, path, message: `${kind} '${field}' is not a field of the search's results (they carry ${list(out.fields)})`, detection: d });
      }
    }
  },
};
