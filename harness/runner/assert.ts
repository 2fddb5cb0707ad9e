import type { Detection } from '../content/types.js';
import type { Event, FieldValue } from '../engine/types.js';

/**
 * The ESCU pass rule, in one place. Splunk's own detection testing (contentctl) accepts a
 * true-positive test when the search returns at least one result and the observables the
 * risk framework will key on are usable:
 *
 * - every Victim observable field (newer `rba` format: every risk object field) is present
 *   and not the string "null" in EVERY row — `tstats ... fillnull_value=null` turns a missing
 *   by-field into the literal string "null", which would create a risk event on object "null";
 * - every Attacker observable field (newer format: every threat object field) is non-null in
 *   AT LEAST ONE row.
 */

export interface ObservableFields {
  /** Risk objects: must be set in every row. */
  victims: string[];
  /** Threat objects: must be set in at least one row. */
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

/** A field value that the risk framework cannot use: absent, empty multivalue, or the string "null". */
export function isNullValue(value: FieldValue | undefined): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0 || value.every((v) => v === 'null');
  return value === 'null';
}

/**
 * Applies the ESCU pass rule to a true-positive result set. Returns the reasons it fails;
 * an empty list is a pass.
 */
export function checkPassRule(detection: Detection, rows: Event[]): string[] {
  if (rows.length === 0) return ['the search returned no results (a true positive needs at least one)'];
  const { victims, attackers } = observableFields(detection);
  const reasons: string[] = [];
  for (const field of victims) {
    const bad = rows.findIndex((row) => isNullValue(row[field]));
    if (bad >= 0) {
      const value = rows[bad][field];
      const what = value === undefined ? 'absent' : `"${String(value)}"`;
      const count = rows.filter((row) => isNullValue(row[field])).length;
      reasons.push(`victim observable '${field}' is ${what} in row ${bad + 1} (${count} of ${rows.length} rows lack it; it must be set in every row)`);
    }
  }
  for (const field of attackers) {
    if (rows.every((row) => isNullValue(row[field]))) {
      reasons.push(`attacker observable '${field}' is null in all ${rows.length} rows (it must be set in at least one)`);
    }
  }
  return reasons;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.filter((x) => x !== ''))];
}
