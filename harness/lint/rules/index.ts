import type { Rule } from '../types.js';
import { schemaRule } from './schema.js';
import { unknownKeyRule } from './unknown-key.js';
import { idFormatRule } from './id-format.js';
import { idUniqueRule } from './id-unique.js';
import { nameUniqueRule } from './name-unique.js';
import { detectionNameLengthRule } from './detection-name-length.js';
import { fileNameRule } from './file-name.js';
import { dateValidRule } from './date-valid.js';
import { versionPositiveRule } from './version-positive.js';
import { mitreIdFormatRule } from './mitre-id-format.js';
import { mitreIdUnknownRule } from './mitre-id-unknown.js';
import { mitreParentAndChildRule } from './mitre-parent-and-child.js';
import { riskScoreFormulaRule } from './risk-score-formula.js';
import { riskRangeRule } from './risk-range.js';
import { riskFieldsInSearchRule } from './risk-fields-in-search.js';
import { messageTokensInSearchRule } from './message-tokens-in-search.js';
import { riskFieldsInOutputRule } from './risk-fields-in-output.js';
import { storyExistsRule } from './story-exists.js';
import { dataSourceExistsRule } from './data-source-exists.js';
import { macroExistsRule } from './macro-exists.js';
import { lookupExistsRule } from './lookup-exists.js';
import { lookupFileRule } from './lookup-file.js';
import { filterMacroLastRule } from './filter-macro-last.js';
import { filterMacroDefinedRule } from './filter-macro-defined.js';
import { testsRequiredRule } from './tests-required.js';
import { attackDataFieldsRule } from './attack-data-fields.js';
import { drilldownFieldsRule } from './drilldown-fields.js';
import { drilldownMissingRule } from './drilldown-missing.js';
import { howToImplementRule } from './how-to-implement.js';
import { knownFalsePositivesRule } from './known-false-positives.js';
import { requiredFieldsRule } from './required-fields.js';
import { splSyntaxRule } from './spl-syntax.js';
import { LOADER_RULES, ruleDescriptions } from '../../report/rules.js';

/** Every lint rule, in reporting order. */
export const RULES: readonly Rule[] = [
  schemaRule,
  unknownKeyRule,
  idFormatRule,
  idUniqueRule,
  nameUniqueRule,
  detectionNameLengthRule,
  fileNameRule,
  dateValidRule,
  versionPositiveRule,
  mitreIdFormatRule,
  mitreIdUnknownRule,
  mitreParentAndChildRule,
  riskScoreFormulaRule,
  riskRangeRule,
  riskFieldsInSearchRule,
  messageTokensInSearchRule,
  riskFieldsInOutputRule,
  storyExistsRule,
  dataSourceExistsRule,
  macroExistsRule,
  splSyntaxRule,
  lookupExistsRule,
  lookupFileRule,
  filterMacroLastRule,
  filterMacroDefinedRule,
  testsRequiredRule,
  attackDataFieldsRule,
  drilldownFieldsRule,
  drilldownMissingRule,
  howToImplementRule,
  knownFalsePositivesRule,
  requiredFieldsRule,
];

export { LOADER_RULES, ruleDescriptions };
