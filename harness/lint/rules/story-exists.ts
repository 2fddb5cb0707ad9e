import type { Rule } from '../types.js';
import { rawTags, stringList } from '../util.js';

export const storyExistsRule: Rule = {
  id: 'story-exists',
  severity: 'error',
  description: 'Every `tags.analytic_story` names a story defined in stories/.',
  check(ctx) {
    for (const d of ctx.content.detections) {
      for (const { value, index } of stringList(rawTags(d).analytic_story)) {
        if (!ctx.content.stories.has(value)) ctx.report({ file: d.file, path: ['tags', 'analytic_story', index], message: `analytic story '${value}' is not defined in stories/`, detection: d });
      }
    }
  },
};
