/**
 * Sources whose events ESCU's tests read with no search-time add-on: the fields Splunk shows
 * for their example events (ESCU data_sources `fields`) are the events' own keys only, and the
 * detections rename and evaluate what they need themselves. Listing them says that nothing is
 * missing for them: the reader's fields are the whole story. Macros that name an event type get it.
 */

import type { SourceSpec } from './spec.js';

const raw = (name: string, description: string, sourcetypes: string[], eventtype?: string): SourceSpec => ({
  name,
  description,
  match: { sourcetype: sourcetypes },
  eventtypes: eventtype ? [{ name: eventtype, search: { field: 'sourcetype', in: sourcetypes } }] : [],
});

export const RAW_SOURCES: SourceSpec[] = [
  raw('okta', 'Okta System Log: JSON keys such as actor.alternateId, outcome.result.', ['OktaIM2:log'], 'okta_log'),
  raw('linux_audit', 'Linux auditd records: type, msg, pid, uid, exe, comm, proctitle key=value fields.', ['linux:audit']),
  raw('suricata', 'Suricata EVE JSON: src_ip, dest_ip, event_type, alert.*, http.*.', ['suricata']),
  raw('json', 'Generic JSON (_json): Kubernetes audit, PingID and other sources ESCU reads by their JSON keys.', ['_json']),
  raw('aws_cloudtrail_lake', 'CloudTrail Lake (OCSF): api.operation, actor.user.*, src_endpoint.*.', ['aws:cloudtrail:lake']),
  raw('palo_alto', 'Palo Alto Networks threat and traffic logs.', ['pan:threat', 'pan:traffic']),
  raw('crowdstrike_identities', 'CrowdStrike identity protection events.', ['crowdstrike:identities', 'CrowdStrike:Event:Streams:JSON']),
  raw('github', 'GitHub audit events delivered through Firehose.', ['aws:firehose:json']),
  raw('powershell_inventory', 'PowerShell scripted inputs (IIS modules, SIP providers).', ['Pwsh:InstalledIISModules', 'PwSh:SubjectInterfacePackage']),
  raw('splunk_stream_http', 'Splunk Stream HTTP: the stream writes src_ip, dest_ip, http_method, uri_path, status itself.', ['stream:http']),
  raw('stash', 'Summary-indexed events (risk and notable events): their fields are written into the event.', ['stash']),
  {
    name: 'zscaler_nss_web',
    description: 'Zscaler NSS web feed for Splunk: key=value fields named as ESCU reads them (action, user, url, src, dest, urlcategory, threatname).',
    match: { sourcetype: ['zscalernss-web'] },
    eventtypes: [{ name: 'zscaler_web', search: { field: 'sourcetype', eq: 'zscalernss-web' }, tags: ['web', 'proxy'] }],
  },
  {
    name: 'google_workspace_reports',
    description: 'Google Workspace reports API (login, admin): JSON keys as they are; login reports classified as authentication.',
    match: { sourcetype: ['gws:reports:login', 'gws:reports:admin'] },
    eventtypes: [
      {
        name: 'gws_login',
        search: { any: [{ field: 'sourcetype', eq: 'gws:reports:login' }, { field: 'id.applicationName', eq: 'login' }] },
        tags: ['authentication'],
      },
    ],
  },
  raw('active_directory_admon', 'Active Directory monitoring (admon) objects.', ['ActiveDirectory'], 'admon'),
];

/**
 * Azure AD (sourcetype azure:monitor:aad): the add-on adds no CIM fields (Splunk's field list for
 * these events is the JSON keys), but it classifies sign-ins and audit events.
 */
export const azureMonitorAad: SourceSpec = {
  name: 'azure_monitor_aad',
  description: 'Azure AD sign-in and audit logs: JSON keys as they are (properties.userPrincipalName, ...), event types by category.',
  match: { sourcetype: ['azure:monitor:aad'] },
  eventtypes: [
    { name: 'azure_monitor_aad_signin', search: { field: 'category', in: ['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs'] }, tags: ['authentication', 'cloud'] },
    { name: 'azure_monitor_aad_audit', search: { field: 'category', eq: 'AuditLogs' }, tags: ['change', 'cloud'] },
  ],
};
