/**
 * Sysmon (Windows, source XmlWinEventLog:Microsoft-Windows-Sysmon/Operational, and Sysmon for
 * Linux, sourcetype sysmon:linux): what the Splunk Add-on for Sysmon adds per EventID. The CIM
 * fields per event follow the `fields` that ESCU's data_sources record for each Sysmon event in a
 * real Splunk: process_* from Image for most events; for process access (8, 10) and image loads
 * (7) the add-on calls the source process the parent and the target/loaded image the process.
 */

import type { Cond, Expr } from '../transforms.js';
import type { SourceSpec } from './spec.js';
import { eventCode } from './windows_event_codes.js';

const f = (field: string) => ({ field });
const hash = (algorithm: string, field = 'Hashes'): Expr => ({ pick: f(field), key: algorithm });

/** Sysmon's own names for its event ids (EventDescription / signature). */
const EVENT_DESCRIPTIONS: Record<string, string> = {
  '1': 'Process Create',
  '2': 'File creation time changed',
  '3': 'Network connection detected',
  '4': 'Sysmon service state changed',
  '5': 'Process terminated',
  '6': 'Driver loaded',
  '7': 'Image loaded',
  '8': 'CreateRemoteThread detected',
  '9': 'RawAccessRead detected',
  '10': 'Process accessed',
  '11': 'File created',
  '12': 'Registry object added or deleted',
  '13': 'Registry value set',
  '14': 'Registry object renamed',
  '15': 'File stream created',
  '16': 'Sysmon config state changed',
  '17': 'Pipe Created',
  '18': 'Pipe Connected',
  '19': 'WmiEventFilter activity detected',
  '20': 'WmiEventConsumer activity detected',
  '21': 'WmiEventConsumerToFilter activity detected',
  '22': 'Dns query',
  '23': 'File Delete archived',
  '24': 'Clipboard changed',
  '25': 'Process Tampering',
  '26': 'File Delete logged',
  '27': 'File Block Executable',
  '28': 'File Block Shredding',
  '29': 'File Executable Detected',
  '255': 'Error',
};

/** Registry hive abbreviations as Sysmon writes them → the hive's full name. */
const REGISTRY_HIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKU: 'HKEY_USERS',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** File EventIDs other than 11 → CIM action (11 depends on its times, see below). */
const FILE_ACTIONS: Record<string, string> = {
  '2': 'modified',
  '15': 'created',
  '23': 'deleted',
  '26': 'deleted',
  '27': 'blocked',
  '28': 'blocked',
  '29': 'created',
};

/**
 * Event types of Splunk_TA_microsoft_sysmon: which EventIDs each covers and its tags. Names and the
 * 1–22 grouping follow the add-on's public eventtypes.conf/tags.conf (docs/ADDONS.md says which
 * versions were compared); EventIDs added by later Sysmon releases go where their CIM fields are.
 */
export const SYSMON_EVENTTYPES: ReadonlyArray<{ name: string; eventIds: number[]; tags: string[] }> = [
  { name: 'ms-sysmon-process', eventIds: [1, 5, 6, 7, 8, 9, 10, 17, 18, 25], tags: ['process', 'report'] },
  { name: 'ms-sysmon-network', eventIds: [3], tags: ['network', 'communicate'] },
  { name: 'ms-sysmon-filemod', eventIds: [2, 11, 15, 23, 26, 27, 28, 29], tags: ['endpoint', 'filesystem', 'change'] },
  { name: 'ms-sysmon-regmod', eventIds: [12, 13, 14], tags: ['endpoint', 'registry', 'change'] },
  { name: 'ms-sysmon-wmimod', eventIds: [19, 20, 21], tags: ['endpoint', 'change'] },
  { name: 'ms-sysmon-dns', eventIds: [22], tags: ['network', 'resolution', 'dns'] },
  // Sysmon's own service and configuration state; no public tags.conf tags it.
  { name: 'ms-sysmon-service', eventIds: [4, 16], tags: [] },
];

/** Registry EventType → CIM action. */
const REGISTRY_ACTIONS: Record<string, string> = {
  CreateKey: 'created',
  DeleteKey: 'deleted',
  DeleteValue: 'deleted',
  SetValue: 'modified',
  RenameKey: 'modified',
};

/**
 * Sysmon writes a typed registry value's `Details` as `TYPE (value)`: `DWORD (0x00000001)`,
 * `QWORD (0x01d776fd-0xd724b8c5)`; other values (strings, `Binary Data`) as they are. The Sysmon
 * add-on's transforms.conf lifts the two parts out of `<Data Name='Details'>` with
 * `\w+\s\((.+)\)` → RegistryValueData and `(\w+)\s\(.+\)` → RegistryValueType; props.conf then
 * sets `registry_value_data` to RegistryValueData when there is one, else to `Details` verbatim,
 * and `registry_value_type` to `"REG_" . RegistryValueType` (null when Details is not typed, which
 * the CIM model shows as "unknown"). This is why ESCU compares `registry_value_data="0x00000001"`.
 * The regex is PCRE without (?s) over the whole `Details` element: a multi-line value never matches.
 */
const TYPED_DETAILS = '^(\\w+)\\s\\((.+)\\)$';
const registryValueData: Expr = { regex: f('Details'), pattern: TYPED_DETAILS, group: 2 };
const registryValueType: Expr = { regex: f('Details'), pattern: TYPED_DETAILS, group: 1 };

const keyEvent: Cond = { field: 'EventType', in: ['CreateKey', 'DeleteKey', 'RenameKey'] };
const valueEvent: Cond = { field: 'EventType', in: ['SetValue', 'DeleteValue'] };

/** Events whose acting process is `Image` (everything but 7, 8, 10 and the WMI events). */
const imageIsProcess = eventCode(1, 2, 3, 5, 9, 11, 12, 13, 14, 15, 17, 18, 22, 23, 24, 25, 26, 27, 28, 29);

export const sysmon: SourceSpec = {
  name: 'sysmon',
  description: 'Splunk Add-on for Sysmon: CIM fields per Sysmon EventID (process, network, file, registry, DNS, pipes, image loads, process access).',
  match: [
    { source: ['XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', 'Syslog:Linux-Sysmon/Operational', 'WinEventLog:Microsoft-Windows-Sysmon/Operational'] },
    { sourcetype: ['sysmon:linux', 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'] },
  ],
  extract: [{ set: { EventCode: f('EventID'), RecordNumber: f('EventRecordID') } }],
  evals: [
    {
      set: {
        EventDescription: { map: f('EventCode'), table: EVENT_DESCRIPTIONS },
        signature: { map: f('EventCode'), table: EVENT_DESCRIPTIONS },
        signature_id: f('EventCode'),
        vendor_product: { const: 'Microsoft Sysmon' },
        dvc: f('Computer'),
        // DNS queries name the querying host src, not dest.
        dest: { if: eventCode(22), then: f('dest'), else: f('Computer') },
        user: { coalesce: [f('User'), f('user')] },
        os: { if: { field: 'source', eq: 'Syslog:*' }, then: { const: 'Linux' }, else: { const: 'Microsoft Windows' } },
      },
    },
    {
      when: imageIsProcess,
      set: {
        process_guid: f('ProcessGuid'),
        process_id: { number: f('ProcessId') },
        process_path: f('Image'),
        process_name: { basename: f('Image') },
        process_exec: { basename: f('Image') },
      },
    },
    {
      when: eventCode(1),
      set: {
        action: { const: 'allowed' },
        process: f('CommandLine'),
        process_current_directory: f('CurrentDirectory'),
        process_integrity_level: f('IntegrityLevel'),
        process_hash: f('Hashes'),
        original_file_name: f('OriginalFileName'),
        parent_process: f('ParentCommandLine'),
        parent_process_guid: f('ParentProcessGuid'),
        parent_process_id: { number: f('ParentProcessId') },
        parent_process_path: f('ParentImage'),
        parent_process_name: { basename: f('ParentImage') },
        parent_process_exec: { basename: f('ParentImage') },
        parent_user: f('ParentUser'),
        MD5: hash('MD5'),
        SHA1: hash('SHA1'),
        SHA256: hash('SHA256'),
        IMPHASH: hash('IMPHASH'),
      },
    },
    { when: eventCode(5, 9), set: { action: { const: 'allowed' } } },
    { when: eventCode(5), set: { process: f('Image') } },
    {
      when: eventCode(3),
      set: {
        action: { const: 'allowed' },
        // The full image path: ESCU matches it with patterns such as "*\\Ftp.exe".
        app: f('Image'),
        src: { coalesce: [f('SourceHostname'), f('SourceIp')] },
        src_host: f('SourceHostname'),
        src_ip: f('SourceIp'),
        src_port: { number: f('SourcePort') },
        dest: { coalesce: [f('DestinationHostname'), f('DestinationIp')] },
        dest_host: f('DestinationHostname'),
        dest_ip: f('DestinationIp'),
        dest_port: { number: f('DestinationPort') },
        dvc_ip: f('SourceIp'),
        transport: { lower: f('Protocol') },
        protocol: { const: 'ip' },
        protocol_version: { if: { field: 'DestinationIsIpv6', eq: 'true' }, then: { const: 'ipv6' }, else: { const: 'ipv4' } },
        direction: { if: { field: 'Initiated', eq: 'true' }, then: { const: 'outbound' }, else: { const: 'inbound' } },
        creation_time: f('UtcTime'),
        state: { const: 'established' },
      },
    },
    {
      when: eventCode(6),
      set: {
        action: { const: 'allowed' },
        process_path: f('ImageLoaded'),
        process_name: { basename: f('ImageLoaded') },
        process_hash: f('Hashes'),
        service_signature_exists: { if: { field: 'Signed', eq: 'true' }, then: { const: 'true' }, else: { const: 'false' } },
        service_signature_verified: { if: { field: 'SignatureStatus', eq: 'Valid' }, then: { const: 'true' }, else: { const: 'false' } },
      },
    },
    {
      when: eventCode(7),
      set: {
        action: { const: 'allowed' },
        process_path: f('ImageLoaded'),
        process_name: { basename: f('ImageLoaded') },
        process_exec: { basename: f('ImageLoaded') },
        process_hash: f('Hashes'),
        original_file_name: f('OriginalFileName'),
        parent_process_guid: f('ProcessGuid'),
        parent_process_id: { number: f('ProcessId') },
        parent_process_path: f('Image'),
        parent_process_name: { basename: f('Image') },
        parent_process_exec: { basename: f('Image') },
        loaded_file: { basename: f('ImageLoaded') },
        loaded_file_path: f('ImageLoaded'),
        service_dll_signature_exists: { if: { field: 'Signed', eq: 'true' }, then: { const: 'true' }, else: { const: 'false' } },
        service_dll_signature_verified: { if: { field: 'SignatureStatus', eq: 'Valid' }, then: { const: 'true' }, else: { const: 'false' } },
        MD5: hash('MD5'),
        SHA256: hash('SHA256'),
        IMPHASH: hash('IMPHASH'),
      },
    },
    {
      when: eventCode(8, 10),
      set: {
        action: { const: 'allowed' },
        parent_process_guid: { coalesce: [f('SourceProcessGuid'), f('SourceProcessGUID')] },
        parent_process_id: { number: f('SourceProcessId') },
        parent_process_path: f('SourceImage'),
        parent_process_name: { basename: f('SourceImage') },
        parent_process_exec: { basename: f('SourceImage') },
        process_guid: { coalesce: [f('TargetProcessGuid'), f('TargetProcessGUID')] },
        process_id: { number: f('TargetProcessId') },
        process_path: f('TargetImage'),
        process_name: { basename: f('TargetImage') },
        process_exec: { basename: f('TargetImage') },
        granted_access: f('GrantedAccess'),
        src_address: f('StartAddress'),
        src_function: f('StartFunction'),
        src_module: f('StartModule'),
      },
    },
    {
      when: eventCode(2, 11, 15, 23, 26, 27, 28, 29),
      set: {
        action: {
          // EventID 11 reports both new files and files overwritten in place: the add-on calls it
          // `created` only when the event's UtcTime is the file's CreationUtcTime.
          if: eventCode(11),
          then: { if: { field: 'UtcTime', sameAs: 'CreationUtcTime' }, then: { const: 'created' }, else: { const: 'modified' } },
          else: { map: f('EventCode'), table: FILE_ACTIONS },
        },
        object_category: { const: 'file' },
        file_path: f('TargetFilename'),
        file_name: { basename: f('TargetFilename') },
        file_create_time: { if: eventCode(11, 15), then: f('CreationUtcTime') },
        file_modify_time: { if: eventCode(2, 23, 26), then: f('UtcTime') },
        file_hash: { coalesce: [f('Hashes'), f('Hash')] },
        MD5: { coalesce: [hash('MD5'), hash('MD5', 'Hash')] },
        SHA256: { coalesce: [hash('SHA256'), hash('SHA256', 'Hash')] },
        IMPHASH: { coalesce: [hash('IMPHASH'), hash('IMPHASH', 'Hash')] },
      },
    },
    {
      when: eventCode(12, 13, 14),
      set: {
        action: { map: f('EventType'), table: REGISTRY_ACTIONS },
        status: { const: 'success' },
        object_category: { const: 'registry' },
        object_path: f('TargetObject'),
        registry_path: f('TargetObject'),
        registry_hive: { map: { regex: f('TargetObject'), pattern: '^\\\\?([A-Za-z]+)\\\\' }, table: REGISTRY_HIVES },
        // A key event names the key itself; a value event names the key that holds the value.
        registry_key_name: {
          if: keyEvent,
          then: { basename: f('TargetObject') },
          else: { basename: { dirname: f('TargetObject') } },
        },
        registry_value_name: { if: valueEvent, then: { basename: f('TargetObject') } },
        RegistryValueData: { if: eventCode(13), then: registryValueData },
        RegistryValueType: { if: eventCode(13), then: registryValueType },
        registry_value_data: { if: eventCode(13), then: { coalesce: [registryValueData, f('Details')] } },
        registry_value_type: { if: eventCode(13), then: { concat: [{ const: 'REG_' }, registryValueType] } },
        // RenameKey (14) names the new key.
        registry_key_new_name: { if: eventCode(14), then: f('NewName') },
      },
    },
    {
      when: eventCode(17, 18),
      set: { action: { const: 'allowed' }, pipe_name: f('PipeName') },
    },
    {
      when: eventCode(19, 20, 21),
      set: {
        change_type: { const: 'wmi' },
        object_category: { const: 'wmi' },
        action: { map: f('Operation'), table: { Created: 'created', Deleted: 'deleted', Modified: 'modified' } },
        status: { const: 'success' },
        object: { coalesce: [f('Name'), f('Consumer')] },
        object_path: { coalesce: [f('EventNamespace'), f('Destination'), f('Filter')] },
        user_name: { userPart: f('User') },
        src: f('Computer'),
      },
    },
    {
      when: eventCode(22),
      set: {
        query: f('QueryName'),
        query_count: { const: 1 },
        reply_code_id: f('QueryStatus'),
        reply_code: { map: f('QueryStatus'), table: { '0': 'NoError', '9003': 'NXDomain', '1460': 'Timeout' } },
        // QueryResults: `type:  5 host;::ffff:1.2.3.4;1.2.3.4;` → the addresses.
        answer: { regexAll: f('QueryResults'), pattern: '(?:^|;)(?:::ffff:)?([0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]+)(?=;|$)' },
        src: f('Computer'),
        message_type: { const: 'Query' },
      },
    },
  ],
  eventtypes: SYSMON_EVENTTYPES.map(({ name, eventIds, tags }) => ({ name, search: eventCode(...eventIds), tags })),
};
