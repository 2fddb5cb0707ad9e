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
        search: {
          any: [
            { field: 'sourcetype', eq: 'gws:reports:login' },
            { field: 'id.applicationName', eq: 'login' },
          ],
        },
        tags: ['authentication'],
      },
    ],
  },
  raw('active_directory_admon', 'Active Directory monitoring (admon) objects.', ['ActiveDirectory'], 'admon'),
  // Sources whose detections read the events' own keys or rex `_raw` themselves; ESCU's data
  // sources list no add-on field beyond the JSON keys or the line for them.
  raw(
    'gsuite_gmail',
    'Google Workspace Gmail logs from BigQuery: JSON keys (attachment{}.file_extension_type, destination{}.address, source.from_header_address, num_message_attachments).',
    ['gsuite:gmail:bigquery'],
  ),
  raw('gsuite_drive', 'Google Workspace Drive activity: JSON keys (email, ip_address, parameters.owner, parameters.doc_title, parameters.target_user).', [
    'gsuite:drive:json',
  ]),
  raw('circleci', 'CircleCI job and workflow records: JSON keys (workflows.*, vcs.*, job_name, name).', ['circleci']),
  raw(
    'o365_graph',
    'Microsoft Graph API sign-in and audit records (o365:graph:api): JSON keys (userPrincipalName, ipAddress, appDisplayName, status.errorCode).',
    ['o365:graph:api'],
  ),
  {
    // The osquery add-on's fields for process events, as ESCU's data source "osquery" lists them.
    name: 'osquery',
    description: 'osquery scheduled query results: JSON keys (name, hostIdentifier, columns.*) and the process fields of the osquery add-on.',
    match: { sourcetype: ['osquery:results'] },
    aliases: [
      {
        alias: {
          dest: 'hostIdentifier',
          src: 'hostIdentifier',
          process_id: 'columns.pid',
          parent_process_id: 'columns.parent',
          process_current_directory: 'columns.cwd',
          process_path: 'columns.path',
          user_id: 'columns.uid',
        },
      },
    ],
    evals: [{ set: { vendor_product: { const: 'osquery' } } }],
  },
  raw('aws_security_lake', 'Amazon Security Lake (OCSF) records: JSON keys (api.operation, actor.user.*, src_endpoint.*).', ['aws:asl']),
  raw(
    'kubernetes_objects_events',
    'Kubernetes event objects from the Splunk OpenTelemetry collector: JSON keys (object.message, object.involvedObject.*, object.reason).',
    ['kube:objects:events'],
  ),
  raw('kubernetes_nginx_ingress', 'NGINX ingress controller access lines from Kubernetes containers (the detections rex the line).', [
    'kube:container:controller',
  ]),
  raw(
    'kubernetes_falco',
    'Falco alerts from Kubernetes containers: the rule text and its key=value pairs (user, process, proc_exepath, parent, container_name, container_image, container_image_tag).',
    ['kube:container:falco'],
  ),
  raw('moveit_sftp', 'MOVEit Transfer SftpServer.log lines (the detections search the message text).', ['sftp_server_logs']),
  raw('crushftp_sessions', 'CrushFTP session logs (the detection rex the line).', ['crushftp:sessionlogs']),
  raw('ivanti_vtm_audit', 'Ivanti Virtual Traffic Manager audit log: key=value pairs (OPERATION, MODUSER, MODGROUP, IP, AUTH).', ['ivanti_vtm_audit']),
  raw('papercut_ng', 'PaperCut NG server debug log lines.', ['papercutng']),
  raw('powershell_driver_inventory', 'PowerShell scripted input listing drivers (Path, DriverType).', ['PwSh:DriverInventory']),
  // Windows event logs in the classic format under their own sourcetypes: the classic reader's
  // fields (EventCode, OpCode, ComputerName, Message) are what the detections read.
  raw('iis_configuration_operational', 'IIS-Configuration/Operational event log (classic WinEventLog format).', ['IIS:Configuration:Operational']),
  raw('msexchange_management', 'MSExchange Management event log (classic WinEventLog format): cmdlet calls in Message.', ['MSExchange:management']),
  {
    name: 'splunk_stream_ip',
    description: 'Splunk Stream IP flows: the stream writes src_ip, dest_ip, dest_port, bytes itself; the stream add-on tags them network traffic.',
    match: { sourcetype: ['stream:ip'] },
    evals: [
      {
        set: {
          src: { coalesce: [{ field: 'src' }, { field: 'src_ip' }] },
          dest: { coalesce: [{ field: 'dest' }, { field: 'dest_ip' }] },
          vendor_product: { const: 'Splunk Stream' },
        },
      },
    ],
    eventtypes: [{ name: 'stream_ip', search: { field: 'sourcetype', eq: 'stream:ip' }, tags: ['network', 'communicate'] }],
  },
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
    {
      name: 'azure_monitor_aad_signin',
      search: { field: 'category', in: ['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs'] },
      tags: ['authentication', 'cloud'],
    },
    { name: 'azure_monitor_aad_audit', search: { field: 'category', eq: 'AuditLogs' }, tags: ['change', 'cloud'] },
  ],
};
