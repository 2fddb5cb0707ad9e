/**
 * External (scripted) lookups that an app ships as a program rather than a table: transforms.conf
 * `external_cmd` + `fields_list`. Splunk writes one CSV row per distinct input, every field of
 * `fields_list` as a column (the inputs the search did not give are empty), and reads the row
 * the script writes back; an empty cell writes no field.
 */
export interface ExternalLookup {
  /** The transforms.conf stanza name, e.g. `ut_shannon_lookup`. */
  name: string;
  /** transforms.conf `fields_list`, in order: the inputs first, then what the script writes. */
  fields: readonly string[];
  /**
   * Why the harness cannot run this lookup at all (e.g. the app's data is not bundled); the
   * support check and coverage report it instead of running.
   */
  unsupported?: string;
  /** One script call: the row Splunk sends (every field of `fields`) → the row it reads back. */
  run(row: Record<string, string>): Record<string, string>;
}
