import type { Rule } from '../types.js';
import { rawTags } from '../util.js';
import { ruleInfo } from '../../report/rules.js';

/** ESCU's risk score: confidence × impact / 100, rounded (as contentctl computes it). */
export const expectedRiskScore = (confidence: number, impact: number) => Math.round((confidence * impact) / 100);

export const riskScoreFormulaRule: Rule = {
  ...ruleInfo('risk-score-formula'),
  check(ctx) {
    for (const d of ctx.content.detections) {
      const tags = rawTags(d);
      const { confidence, impact, risk_score } = tags;
      if (typeof risk_score !== 'number' || typeof confidence !== 'number' || typeof impact !== 'number') continue;
      const expected = expectedRiskScore(confidence, impact);
      if (risk_score !== expected)
        ctx.report({
          file: d.file,
          path: ['tags', 'risk_score'],
          message: `risk_score is ${risk_score}, but round(confidence ${confidence} × impact ${impact} / 100) = ${expected}`,
          detection: d,
        });
    }
  },
};
