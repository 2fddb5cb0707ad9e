/**
 * Lookup tables that detections may use but that ESCU does not define, because a Splunk app ships
 * them. Names only (facts about those apps).
 */
export const BUILTIN_LOOKUPS: ReadonlySet<string> = new Set([
  // Enterprise Security asset and identity framework.
  'asset_lookup_by_str',
  'asset_lookup_by_cidr',
  'identity_lookup_expanded',
  // Enterprise Security network protection and threat intelligence domains.
  'interesting_ports_lookup',
  'alexa_lookup_by_str',
  // Common Information Model add-on: the corporate web domains behind `cim_corporate_web_domain_search`.
  'cim_corporate_web_domain_lookup',
  'cim_corporate_email_domain_lookup',
  // URL Toolbox app: `ut_shannon` entropy and friends.
  'ut_shannon_lookup',
  'ut_parse_extended_lookup',
  'ut_parse_simple_lookup',
  'ut_levenshtein_lookup',
  'ut_meaning_lookup',
  'ut_countset_lookup',
  'ut_bayesian_lookup',
]);
