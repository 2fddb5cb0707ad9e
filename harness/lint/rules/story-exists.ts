import type { Rule } from '../types.js';
import { rawTags, stringList } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

export const storyExistsRule: Rule = {
  ...ruleInfo('story-exists'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      for (const { value, index } of stringList(rawTags(d).analytic_story)) {
        if (!ctx.content.stories.has(value))
          ctx.report({ file: d.file, path: ['tags', 'analytic_story', index], message: `analytic story '${value}' is not defined in stories/`, detection: d });
      }
    }
  },
};
