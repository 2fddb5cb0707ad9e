/**
 * Macros that detections may call but that ESCU does not define, because a Splunk app ships them:
 * the Common Information Model add-on (Splunk_SA_CIM, macros.conf) and Enterprise Security.
 * Keys use the content model's call-name form: `name` or `name(N)` for N arguments.
 * Names only (facts about those apps); the linter needs to know they exist, not what they do.
 */
const CIM_MACROS = [
  'add_dm_object_name(1)', 'drop_dm_object_name(1)', 'datamodel(2)', 'recommended_datamodel_attributes(2)',
  'get_signature(1)', 'make_subject(1)', 'get_subject(2)', 'get_user(1)', 'get_src_user_only(1)', 'get_user_only(1)',
  'swap_if_tagged(3)', 'remap_subjects', 'get_vendor_product', 'modular_action_invocations(2)',
  'cam_action_modes', 'cam_action_statuses', 'cam_categories', 'cam_tasks', 'cam_subjects', 'cam_workers',
  'cim_filter_known_scanners', 'cim_filter_known_scanners(1)', 'cim_filter_vuln_severity', 'cim_filter_vuln_severity(1)',
  'cim_filter_unknown_values(1)', 'cim_access_actions', 'cim_endpoint_actions', 'cim_endpoint_object_categories',
  'cim_endpoint_severities', 'cim_endpoint_statuses', 'cim_endpoint_user_types', 'cloud_domains', 'cloud_domain_search(1)',
  'cloud_email_search(1)', 'cloud_storage_search(1)', 'cim_dlp_actions', 'cim_dlp_object_categories', 'cim_dlp_types',
  'cim_dns_reply_codes', 'cim_email_protocols', 'cim_corporate_email_domains', 'cim_corporate_email_domain_search(1)',
  'cim_ids_severities', 'cim_ids_types', 'cim_malware_actions', 'cim_traffic_actions', 'cim_transport_protocols',
  'cim_http_methods', 'cim_http_statuses', 'cim_update_statii', 'cim_vendor_product_tracker', 'vendor_product_tracker(1)',
  'cim_vuln_severities', 'cim_corporate_web_domains', 'cim_corporate_web_domain_search(1)', 'cim_datamodelinfo',
];

/** Per-data-model index macros of the CIM (`cim_<Model>_indexes`). */
const CIM_INDEX_MACROS = [
  'Alerts', 'Application_State', 'Authentication', 'Certificates', 'Change_Analysis', 'Change', 'Compute_Inventory', 'DLP',
  'Databases', 'Data_Access', 'Email', 'Endpoint', 'Event_Signatures', 'Interprocess_Messaging', 'Intrusion_Detection', 'JVM',
  'Malware', 'Network_Resolution', 'Network_Sessions', 'Network_Traffic', 'Performance', 'Ticket_Management', 'Updates',
  'Vulnerabilities', 'Web',
].map((m) => `cim_${m}_indexes`);

/** Enterprise Security asset and identity correlation macros. */
const ES_MACROS = ['get_asset(1)', 'get_identity4events(1)', 'get_identity(1)'];

export const BUILTIN_MACROS: ReadonlySet<string> = new Set([...CIM_MACROS, ...CIM_INDEX_MACROS, ...ES_MACROS]);
