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
  raw('azure_monitor_aad', 'Azure AD sign-in and audit logs: JSON keys such as properties.userPrincipalName.', ['azure:monitor:aad']),
  raw('okta', 'Okta System Log: JSON keys such as actor.alternateId, outcome.result.', ['OktaIM2:log'], 'okta_log'),
  raw('linux_audit', 'Linux auditd records: type, msg, pid, uid, exe, comm, proctitle key=value fields.', ['linux:audit']),
  raw('suricata', 'Suricata EVE JSON: src_ip, dest_ip, event_type, alert.*, http.*.', ['suricata']),
  raw('kubernetes_audit', 'Kubernetes audit and other JSON sources read as _json.', ['_json']),
  raw('aws_cloudtrail_lake', 'CloudTrail Lake (OCSF): api.operation, actor.user.*, src_endpoint.*.', ['aws:cloudtrail:lake']),
  raw('palo_alto', 'Palo Alto Networks threat and traffic logs.', ['pan:threat', 'pan:traffic']),
  raw('crowdstrike_identities', 'CrowdStrike identity protection events.', ['crowdstrike:identities', 'CrowdStrike:Event:Streams:JSON']),
  raw('github', 'GitHub audit events delivered through Firehose.', ['aws:firehose:json']),
  raw('google_workspace', 'Google Workspace reports and Gmail logs.', ['gws:reports:login', 'gws:reports:admin', 'gsuite:gmail:bigquery', 'gsuite:drive:json']),
  raw('kubernetes_containers', 'Kubernetes container and Falco logs.', ['kube:container:controller', 'kube:container:falco', 'kube:objects:events']),
  raw('azure_audit', 'Azure activity and Defender logs.', ['mscs:azure:audit', 'mscs:azure:eventhub:defender:advancedhunting', 'o365:graph:api']),
  raw('misc_applications', 'Application logs read as events with their own fields.', [
    'circleci', 'crushftp:sessionlogs', 'ivanti_vtm_audit', 'sftp_server_logs', 'MSExchange:management', 'Pwsh:InstalledIISModules',
    'PwSh:SubjectInterfacePackage', 'IIS:Configuration:Operational', 'ms:iis:splunk', 'aws:securityhub:finding', 'osquery:results',
    'ActiveDirectory', 'bro:conn:json', 'stream:ip', 'stream:http', 'aws:cloudwatchlogs:vpcflow', 'zscalernss-web', 'nginx:plus:kv',
    'linux_secure', 'stash',
  ]),
];
