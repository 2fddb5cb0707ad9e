import type { Rule } from '../types.js';
import { MAX_DETECTION_NAME, ruleInfo } from '../../report/rules.js';

export const detectionNameLengthRule: Rule = {
  ...ruleInfo('detection-name-length'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (typeof d.raw.name !== 'string') continue; // missing or wrong type: the schema rule says so
      if (d.raw.name.trim() === '') ctx.report({ file: d.file, path: ['name'], message: 'detection name is empty', detection: d });
      else if (d.raw.name.length > MAX_DETECTION_NAME)
        ctx.report({
          file: d.file,
          path: ['name'],
          message: `detection name is ${d.raw.name.length} characters long, at most ${MAX_DETECTION_NAME} allowed`,
          detection: d,
        });
    }
  },
};
