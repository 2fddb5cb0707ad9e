/**
 * Macros that ESCU searches call but the ESCU repository does not define, held as data.
 * In Splunk they come from other apps or are generated when ESCU is built:
 * - `drop_dm_object_name(1)` is defined by the CIM app (Splunk_SA_CIM macros.conf): it strips
 *   the `<object>.` prefix from data model field names.
 * - `<detection>_filter` is generated per detection by the content build as an empty filter
 *   (`search *`) that a site overrides to tune out known-benign results.
 */

export interface BuiltinMacro {
  name: string;
  arguments: string[];
  definition: string;
  /** Where the definition comes from, shown in `explain` and error messages. */
  source: string;
}

export const BUILTIN_MACROS: BuiltinMacro[] = [
  {
    name: 'drop_dm_object_name',
    arguments: ['object'],
    definition: 'rename "$object$.*" as *',
    source: 'builtin: Splunk_SA_CIM macros.conf',
  },
  {
    // Defined by Enterprise Security (asset enrichment: lookups that only add `<field>_*`
    // fields with OUTPUTNEW). The harness has no asset inventory, so enrichment adds nothing;
    // `search *` keeps every row, which is what the lookups do to the row set.
    name: 'get_asset',
    arguments: ['field'],
    definition: 'search *',
    source: 'builtin: Enterprise Security asset enrichment (stand-in, adds no fields)',
  },
];

/** The definition a `*_filter` macro gets when the content does not define it. */
export const DEFAULT_FILTER_MACRO: Omit<BuiltinMacro, 'name'> = {
  arguments: [],
  definition: 'search *',
  source: 'builtin: default detection filter',
};

/** True for the per-detection filter macros that default to `search *`. */
export const isFilterMacroName = (name: string): boolean => name.endsWith('_filter');
