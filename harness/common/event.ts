/**
 * Values and events, as every layer sees them (ingest produces them, the engine evaluates them,
 * the runner asserts on them). Splunk field values are strings or numbers, possibly multivalue;
 * a field that is absent is `undefined` (null). The string "null" is an ordinary string, never null.
 */

export type Scalar = string | number;
export type FieldValue = Scalar | Scalar[];

/** One event or result row. Keys are field names, exactly as Splunk spells them (case-sensitive). */
export interface Event {
  [field: string]: FieldValue | undefined;
}
