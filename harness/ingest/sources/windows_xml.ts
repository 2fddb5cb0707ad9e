/**
 * Every Windows event log rendered as XML (sourcetype XmlWinEventLog, any channel): what the
 * Windows add-on's `[XmlWinEventLog]` stanza and its generic event types add. Channel-specific
 * tables (Security, System, Sysmon, ...) build on this one.
 */

import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });

export const windowsXml: SourceSpec = {
  name: 'windows_xml',
  description: 'Splunk Add-on for Microsoft Windows, [XmlWinEventLog]: EventCode from EventID, common aliases, vendor_product, generic event types.',
  match: { sourcetype: ['XmlWinEventLog', 'XmlWinEventLog:*'] },
  extract: [
    {
      set: {
        // EventID_as_EventCode / EventRecordID_as_RecordNumber / SubStatus_as_Sub_Status
        EventCode: f('EventID'),
        RecordNumber: f('EventRecordID'),
        Sub_Status: f('SubStatus'),
      },
    },
  ],
  aliases: [
    {
      alias: {
        category: 'TaskCategory',
        dvc_nt_host: 'host',
        dvc: 'Computer',
        event_id: 'RecordNumber',
        id: 'RecordNumber',
        severity_id: 'EventType',
        user_group_id: 'Primary_Group_ID',
        service: 'ServiceName',
        service_name: 'ServiceName',
        service_id: 'ServiceSid',
        parent_process: 'ParentProcessName',
        user_id: 'UserID',
      },
    },
  ],
  evals: [
    {
      set: {
        // The add-on keeps Windows Update's own signature_id; every other event uses EventCode.
        signature_id: {
          if: { field: 'SourceName', eq: 'Microsoft-Windows-WindowsUpdateClient' },
          then: f('signature_id'),
          else: f('EventCode'),
        },
        process_name: { if: { field: 'EventCode', eq: 4688 }, then: f('NewProcessName'), else: f('ProcessName') },
        vendor_product: { const: 'Microsoft Windows' },
      },
    },
  ],
  eventtypes: [
    { name: 'windows_event_signature', search: { field: 'sourcetype', in: ['WinEventLog', 'XmlWinEventLog'] }, tags: ['track_event_signatures'] },
    // The add-on tags every Windows event log event service/process report (eventtype
    // endpoint_services_processes); this is why any XmlWinEventLog event reaches Endpoint.Processes.
    { name: 'endpoint_services_processes', search: { field: 'sourcetype', in: ['WinEventLog', 'XmlWinEventLog'] }, tags: ['service', 'report', 'process'] },
    { name: 'wineventlog_application', search: { field: 'source', in: ['WinEventLog:Application', 'XmlWinEventLog:Application'] }, tags: ['os', 'windows'] },
    { name: 'wineventlog_system', search: { field: 'source', in: ['WinEventLog:System', 'XmlWinEventLog:System'] }, tags: ['os', 'windows'] },
    { name: 'wineventlog_security', search: { field: 'source', in: ['WinEventLog:Security', 'XmlWinEventLog:Security'] }, tags: ['os', 'windows'] },
    { name: 'winsec', search: { field: 'eventtype', eq: 'wineventlog_security' }, tags: ['security'] },
    { name: 'wineventlog-ds', search: { field: 'source', in: ['WinEventLog:Directory Service', 'XmlWinEventLog:Directory Service'] } },
    { name: 'wineventlog-dns', search: { field: 'source', in: ['WinEventLog:DNS Server', 'XmlWinEventLog:DNS Server'] } },
    {
      name: 'wineventlog_windows',
      search: { field: 'eventtype', in: ['wineventlog_application', 'wineventlog_system', 'wineventlog_security', 'wineventlog-ds', 'wineventlog-dns'] },
      tags: ['os', 'windows', 'endpoint', 'filesystem'],
    },
  ],
};
