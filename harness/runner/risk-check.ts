import type { Detection } from '../content/types.js';
import type { Event, FieldValue } from '../engine/types.js';

/**
 * Risk checks Splunk's own test pipeline never made. A detection's risk event carries a message
 * rendered from the result row (`$field$` tokens), a score, and risk/threat objects taken from
 * result fields; each can be silently wrong while the search itself "passes":
 * - the message must render from the first result row with every `$token$` resolved;
 * - the score must be the formula's: ESCU v4 `risk_score = round(confidence × impact / 100)`;
 *   the newer `rba` block gives each risk object a score in 0–100;
 * - every observable must be a real output column of the evaluated search (a field some row
 *   has), not just a word that appears in the search text.
 */

export interface RiskFinding {
  rule: 'test-risk-message' | 'test-risk-score' | 'test-observable-columns';
  message: string;
}

/** Detections whose results become risk events (Hunting searches do not). */
function hasRisk(detection: Detection): boolean {
  if ((detection.type ?? '').toLowerCase() === 'hunting') return false;
  return detection.rba !== undefined || detection.tags.risk_score !== undefined || detection.tags.message !== undefined;
}

const TOKEN_RE = /\$([^$\s]+)\$/g;

/** The message with tokens replaced from `row`, and the tokens that had no usable value. */
export function renderRiskMessage(template: string, row: Event): { text: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const text = template.replace(TOKEN_RE, (whole, field: string) => {
    const value = row[field];
    const shown = display(value);
    if (shown === undefined) {
      unresolved.push(field);
      return whole;
    }
    return shown;
  });
  return { text, unresolved: [...new Set(unresolved)] };
}

function display(value: FieldValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const values = (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== 'null');
  return values.length ? values.join(', ') : undefined;
}

export function checkRisk(detection: Detection, rows: Event[]): { findings: RiskFinding[]; message?: string } {
  const findings: RiskFinding[] = [];
  if (!hasRisk(detection) || rows.length === 0) return { findings };
  let rendered: string | undefined;

  const template = detection.rba?.message ?? detection.tags.message;
  if (typeof template === 'string' && template.trim()) {
    const { text, unresolved } = renderRiskMessage(template, rows[0]);
    rendered = text;
    if (unresolved.length) {
      findings.push({
        rule: 'test-risk-message',
        message: `risk message token${unresolved.length > 1 ? 's' : ''} ${unresolved.map((t) => `$${t}$`).join(', ')} ha${unresolved.length > 1 ? 've' : 's'} no value in the first result row (rendered: "${text}")`,
      });
    }
  } else {
    findings.push({ rule: 'test-risk-message', message: 'the detection has no risk message' });
  }

  if (detection.rba?.risk_objects?.length) {
    for (const o of detection.rba.risk_objects) {
      if (typeof o.score !== 'number' || !Number.isInteger(o.score) || o.score < 0 || o.score > 100) {
        findings.push({ rule: 'test-risk-score', message: `risk object '${o.field}' has score ${String(o.score)}; expected a whole number 0–100` });
      }
    }
  } else {
    const { confidence, impact, risk_score } = detection.tags;
    if (typeof confidence !== 'number' || typeof impact !== 'number') {
      findings.push({ rule: 'test-risk-score', message: 'tags.confidence and tags.impact are needed to check the risk score' });
    } else {
      const expected = Math.round((confidence * impact) / 100);
      if (risk_score !== expected) {
        findings.push({
          rule: 'test-risk-score',
          message: `risk_score is ${String(risk_score)}, but confidence ${confidence} × impact ${impact} / 100 = ${expected}`,
        });
      }
    }
  }

  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (row[key] !== undefined) columns.add(key);
  const observables = detection.rba
    ? [...(detection.rba.risk_objects ?? []), ...(detection.rba.threat_objects ?? [])].map((o) => o.field)
    : (detection.tags.observable ?? []).map((o) => o.name);
  const missing = [...new Set(observables)].filter((f) => !columns.has(f));
  if (missing.length) {
    findings.push({
      rule: 'test-observable-columns',
      message: `observable${missing.length > 1 ? 's' : ''} ${missing.map((f) => `'${f}'`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not an output column of the search (columns: ${[...columns].sort().join(', ')})`,
    });
  }
  return { findings, message: rendered };
}
