import type { Rule } from '../types.js';

/** ESCU names become saved-search names with a prefix and suffix; Splunk's limit leaves 67 characters. */
export const MAX_DETECTION_NAME = 67;

export const detectionNameLengthRule: Rule = {
  id: 'detection-name-length',
  severity: 'error',
  description: `A detection name is not empty and at most ${MAX_DETECTION_NAME} characters long.`,
  check(ctx) {
    for (const d of ctx.content.detections) {
      if (typeof d.raw.name !== 'string') continue; // missing or wrong type: the schema rule says so
      if (d.raw.name.trim() === '') ctx.report({ file: d.file, path: ['name'], message: 'detection name is empty', detection: d });
      else if (d.raw.name.length > MAX_DETECTION_NAME)
        ctx.report({ file: d.file, path: ['name'], message: `detection name is ${d.raw.name.length} characters long, at most ${MAX_DETECTION_NAME} allowed`, detection: d });
    }
  },
};
