import { fieldAppears } from '../../spl/query.js';
import type { Rule } from '../types.js';
import { dollarTokens, isObj, rawTags, searchWithMacroText } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** A `$field$` token of the risk message is replaced by the field's value; a field the search lacks renders empty. */
export const messageTokensInSearchRule: Rule = {
  ...ruleInfo('message-tokens-in-search'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (!d.search) continue;
      const text = searchWithMacroText(d, ctx.content.macros);
      const rba = d.raw.rba;
      const messages: Array<{ message: unknown; path: string[] }> = [
        { message: rawTags(d).message, path: ['tags', 'message'] },
        { message: isObj(rba) ? rba.message : undefined, path: ['rba', 'message'] },
      ];
      for (const { message, path } of messages) {
        if (typeof message !== 'string') continue;
        for (const token of new Set(dollarTokens(message).map((t) => t.name))) {
          if (!fieldAppears(token, text))
            ctx.report({ file: d.file, path, message: `message token $${token}$ names a field that does not appear in the search`, detection: d });
        }
      }
    }
  },
};
