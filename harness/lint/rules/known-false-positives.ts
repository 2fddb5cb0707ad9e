import { guidanceRule } from '../guidance.js';

export const knownFalsePositivesRule = guidanceRule(
  'known-false-positives',
  'known_false_positives',
  "describe benign activity that matches, or say 'None' / 'Unknown'",
);
