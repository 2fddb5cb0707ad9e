import type { Detection } from '../content/types.js';
import type { Event, FieldValue } from '../engine/types.js';

/**
 * The ESCU pass rule, in one place: splunk/contentctl
 * `contentctl/actions/detection_testing/infrastructures/DetectionTestingInfrastructure.py`,
 * `retry_search_until_timeout` (same logic at tag v4.4.1 and at HEAD). A true-positive test needs
 * at least one result; then the rows are walked in the order Splunk returns them:
 *
 * - a row where a risk-object field is missing from the row's keys, or is the string "null",
 *   fails the test at once;
 * - a row where every risk-object and every threat-object field is present and not "null" passes
 *   the test at once (later rows are never looked at);
 * - a row with good risk objects but a null threat object moves on to the next row;
 * - after the last row, the test fails only if some threat-object field was null in every row.
 *
 * "Null" is contentctl's `result.get(field, 'null') == 'null'` over Splunk's JSON results
 * (`output_mode=json`), where a null field is absent from the row's keys: an empty string is
 * present, a multivalue field with two or more values is a list and never equals "null".
 *
 * The stricter check this harness used to apply (every risk object set in every row) survives as
 * the separate finding `test-observable-incomplete` (observableCompleteness), a warning by default.
 */

export interface ObservableFields {
  /** Risk objects (tags.observable role Victim, or rba.risk_objects). */
  victims: string[];
  /** Threat objects (tags.observable role Attacker, or rba.threat_objects). */
  attackers: string[];
}

/** Which fields the pass rule checks: `rba` risk/threat objects when present, else `tags.observable` roles. */
export function observableFields(detection: Detection): ObservableFields {
  const rba = detection.rba;
  if (rba && (rba.risk_objects?.length || rba.threat_objects?.length)) {
    return {
      victims: unique((rba.risk_objects ?? []).map((o) => o.field)),
      attackers: unique((rba.threat_objects ?? []).map((o) => o.field)),
    };
  }
  const victims: string[] = [];
  const attackers: string[] = [];
  for (const o of detection.tags.observable ?? []) {
    const roles = Array.isArray(o.role) ? o.role.map((r) => String(r).toLowerCase()) : [];
    if (roles.includes('victim')) victims.push(o.name);
    if (roles.includes('attacker')) attackers.push(o.name);
  }
  return { victims: unique(victims), attackers: unique(attackers) };
}

/**
 * contentctl's null: the field is absent from the JSON row, or its value is the string "null".
 * An empty multivalue is absent in Splunk's output; a single-valued one is rendered as its value.
 */
export function isNullValue(value: FieldValue | undefined): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0 || (value.length === 1 && String(value[0]) === 'null');
  return value === 'null';
}

/** What decided a true positive's verdict, for reports: the rule and the row it stopped at. */
export interface PassVerdict {
  passed: boolean;
  /** Why it failed (empty on a pass). */
  reasons: string[];
  /** One line naming the rule and the deciding row, e.g. "contentctl pass rule: row 1 has every risk and threat object". */
  decidedBy: string;
}

const RULE = 'contentctl pass rule';

/** Applies contentctl's pass rule to a true positive's rows, in Splunk's row order. */
export function judgePassRule(detection: Detection, rows: Event[]): PassVerdict {
  if (rows.length === 0) {
    const reason = 'the search returned no results (a true positive needs at least one)';
    return { passed: false, reasons: [reason], decidedBy: `${RULE}: no results` };
  }
  const { victims, attackers } = observableFields(detection);
  const everNull = new Set(attackers);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const badVictim = victims.find((f) => isNullValue(row[f]));
    if (badVictim !== undefined) {
      const value = row[badVictim];
      const what = value === undefined ? 'absent' : `"${String(value)}"`;
      const reason = `risk object '${badVictim}' is ${what} in row ${i + 1} (contentctl fails a test at the first row whose risk object is missing or "null")`;
      return { passed: false, reasons: [reason], decidedBy: `${RULE}: row ${i + 1} lacks risk object '${badVictim}'` };
    }
    const nullThreats = attackers.filter((f) => isNullValue(row[f]));
    for (const f of attackers) if (!nullThreats.includes(f)) everNull.delete(f);
    if (nullThreats.length === 0) {
      return { passed: true, reasons: [], decidedBy: `${RULE}: row ${i + 1} of ${rows.length} has every risk and threat object set` };
    }
  }
  if (everNull.size > 0) {
    const fields = [...everNull].map((f) => `'${f}'`).join(', ');
    const reason = `threat object ${fields} is null in all ${rows.length} rows (it must be set in at least one)`;
    return { passed: false, reasons: [reason], decidedBy: `${RULE}: threat object ${fields} null in every row` };
  }
  return { passed: true, reasons: [], decidedBy: `${RULE}: every threat object is set in some row of ${rows.length}` };
}

/** The reasons a true positive fails contentctl's pass rule; an empty list is a pass. */
export function checkPassRule(detection: Detection, rows: Event[]): string[] {
  return judgePassRule(detection, rows).reasons;
}

/**
 * The stricter check beyond contentctl (rule `test-observable-incomplete`): every risk object set
 * in every row. A risk event is created per row, so a row without its risk object is a risk event
 * lost in production even when contentctl passed the test on an earlier row.
 */
export function observableCompleteness(detection: Detection, rows: Event[]): string[] {
  const { victims } = observableFields(detection);
  const findings: string[] = [];
  for (const field of victims) {
    const missing: number[] = [];
    rows.forEach((row, i) => {
      if (isNullValue(row[field])) missing.push(i + 1);
    });
    if (missing.length === 0) continue;
    const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? `, … (${missing.length} rows)` : '');
    findings.push(`risk object '${field}' is missing or "null" in ${missing.length} of ${rows.length} rows (rows ${shown}); each such row makes no risk event`);
  }
  return findings;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.filter((x) => x !== ''))];
}
