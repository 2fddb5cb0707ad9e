/**
 * Classic (non-XML) Windows event logs, sourcetype WinEventLog: the Windows add-on's
 * `[WinEventLog]` stanza for every channel and `[source::WinEventLog:Security]` for Security.
 * Classic events name their fields after the rendered message (`Account_Name`,
 * `New_Process_Name`, ...); a label that appears twice (subject and target account) is a
 * multivalue field, and the add-on reads the subject from its first value and the target from
 * its last.
 */

import type { Expr } from '../transforms.js';
import type { SourceSpec } from './spec.js';
import { ACTIONS, LOCAL_LOGON_TYPES, SECURITY_CODE_LOOKUPS, eventCode, securityEventtype } from './windows_event_codes.js';
import { commandLineParts, process4688, user4688 } from './windows_4688.js';

const f = (field: string) => ({ field });
const is4688 = eventCode(4688);
/** `(?:[\\]+)?([^-].*)`: leading backslashes dropped, "-" is no value. */
const hostLike = (e: Expr): Expr => ({ regex: e, pattern: '^\\\\*([^-].*)$', flags: 's' });
/** The last value of a label that may appear twice (the target account). */
const last = (field: string): Expr => ({ mvIndex: f(field), index: -1 });
/** The first value of a label, only when it appears twice (the subject account), never "-". */
const firstOfTwo = (field: string): Expr => ({ nullIf: { mvIndex: f(field), index: 0, minCount: 2 }, values: ['-'] });
const AUDIT_OUTCOMES = { 'Audit Success': 'success', 'Audit Failure': 'failure' };

export const windowsClassic: SourceSpec = {
  name: 'windows_classic',
  description: 'Splunk Add-on for Microsoft Windows, [WinEventLog]: common aliases and event types of classic event logs.',
  match: { sourcetype: ['WinEventLog', 'WinEventLog:*', 'wineventlog'] },
  aliases: [
    {
      alias: {
        category: 'TaskCategory',
        dvc_nt_host: 'host',
        dvc: 'ComputerName',
        event_id: 'RecordNumber',
        id: 'RecordNumber',
        severity_id: 'EventType',
        user_group_id: 'Primary_Group_ID',
        service_id: 'Service_ID',
        service: 'Service_Name',
        service_name: 'Service_Name',
        process: 'Process',
        parent_process: 'Creator_Process_Name',
        user_id: 'User_ID',
      },
    },
  ],
  evals: [
    {
      set: {
        signature_id: f('EventCode'),
        process_name: { if: is4688, then: f('New_Process_Name'), else: f('Process_Name') },
        vendor_product: { const: 'Microsoft Windows' },
      },
    },
  ],
  eventtypes: [
    { name: 'windows_event_signature', search: { field: 'sourcetype', in: ['WinEventLog', 'XmlWinEventLog'] }, tags: ['track_event_signatures'] },
    { name: 'endpoint_services_processes', search: { field: 'sourcetype', in: ['WinEventLog', 'XmlWinEventLog'] }, tags: ['service', 'report', 'process'] },
    { name: 'wineventlog_application', search: { field: 'source', eq: 'WinEventLog:Application' }, tags: ['os', 'windows'] },
    { name: 'wineventlog_system', search: { field: 'source', eq: 'WinEventLog:System' }, tags: ['os', 'windows'] },
    { name: 'wineventlog_security', search: { field: 'source', eq: 'WinEventLog:Security' }, tags: ['os', 'windows'] },
    { name: 'winsec', search: { field: 'eventtype', eq: 'wineventlog_security' }, tags: ['security'] },
    {
      name: 'wineventlog_windows',
      search: { field: 'eventtype', in: ['wineventlog_application', 'wineventlog_system', 'wineventlog_security'] },
      tags: ['os', 'windows', 'endpoint', 'filesystem'],
    },
  ],
};

export const windowsClassicSecurity: SourceSpec = {
  name: 'windows_classic_security',
  description: 'Splunk Add-on for Microsoft Windows, [source::WinEventLog:Security]: CIM fields of classic Security events.',
  match: { source: ['WinEventLog:Security'] },
  extract: [
    {
      set: {
        parent_process_name: { basename: f('Creator_Process_Name') },
        new_process_name: { basename: f('New_Process_Name') },
        ...commandLineParts,
        session_id: last('Logon_ID'),
        dest: { coalesce: [hostLike(f('Target_Server_Name')), hostLike(f('ComputerName'))] },
        dest_nt_domain: { coalesce: [f('Target_Domain'), last('Account_Domain')] },
        dest_nt_host: { coalesce: [hostLike(f('Target_Server_Name')), hostLike(f('ComputerName'))] },
        src: {
          coalesce: [hostLike(f('Source_Workstation')), hostLike(f('Workstation_Name')), hostLike(f('Source_Network_Address')), hostLike(f('Client_Address'))],
        },
        src_ip: { coalesce: [hostLike(f('Source_Network_Address')), hostLike(f('Client_Address'))] },
        src_nt_domain: { coalesce: [{ nullIf: f('Caller_Domain'), values: ['-'] }, firstOfTwo('Account_Domain')] },
        src_nt_host: { coalesce: [hostLike(f('Source_Workstation')), hostLike(f('Workstation_Name'))] },
        src_user: { coalesce: [{ nullIf: f('Caller_User_Name'), values: ['-'] }, firstOfTwo('Account_Name')] },
        user: {
          coalesce: [
            f('Logon_Account'),
            f('Target_User_Name'),
            f('Target_Account_Name'),
            f('New_Account_Name'),
            last('Account_Name'),
            { regex: f('User'), pattern: '^(?:[^\\\\]+\\\\)?(.+)$', flags: 's' },
            { regex: f('Security_ID'), pattern: '^(?:[^\\\\]+\\\\)?(.+)$', flags: 's' },
          ],
        },
        object_file_path: f('Object_Name'),
        object_file_name: { regex: { basename: f('Object_Name') }, pattern: '^([^-].*)$', flags: 's' },
      },
    },
  ],
  aliases: [{ alias: { src_port: 'Source_Port', object: 'sourcetype', body: 'Message', ta_windows_status: 'Status', Error_Code: 'Status' } }],
  evals: [
    {
      set: {
        vendor: { const: 'Microsoft' },
        product: { const: 'Windows' },
        Error_Code: { coalesce: [f('Error_Code'), { const: '-' }] },
        user_group: { coalesce: [f('Group_Name'), f('New_Account_Name'), f('Target_Account_Name')] },
        dest_nt_domain: { nullIf: f('dest_nt_domain'), values: ['-'] },
        user: user4688(is4688),
        action: {
          if: is4688,
          then: { map: f('Keywords'), table: { 'Audit Success': 'allowed', 'Audit Failure': 'blocked' } },
        },
        process: process4688(is4688, 'New_Process_Name', { coalesce: [f('Process'), f('process'), f('Process_Name')] }),
        // Process ids are hex in the event; decimal here, as for the XML rendering.
        process_id: { if: is4688, then: { hexToDecimal: f('New_Process_ID') }, else: f('process_id') },
        parent_process_id: { if: is4688, then: { hexToDecimal: f('Creator_Process_ID') } },
        process_path: { if: is4688, then: f('New_Process_Name') },
        parent_process_path: { if: is4688, then: f('Creator_Process_Name') },
        process_exec: { if: is4688, then: f('new_process_name') },
        process_name: { if: is4688, then: f('new_process_name'), else: f('Process_Name') },
        registry_path: { if: eventCode(4657, 4670), then: f('Object_Name'), else: f('registry_path') },
        registry_value_name: { if: eventCode(4657), then: f('Object_Value_Name'), else: f('registry_value_name') },
        file_name: { coalesce: [{ if: { field: 'Object_Type', eq: 'File' }, then: f('object_file_name') }, f('Share_Name'), f('file_name')] },
        file_path: { coalesce: [{ if: { field: 'Object_Type', eq: 'File' }, then: f('object_file_path') }, f('Share_Path'), f('file_path')] },
      },
    },
  ],
  lookups: [
    {
      set: {
        action: {
          coalesce: [
            { map: f('EventCode'), table: ACTIONS },
            { map: f('Keywords'), table: AUDIT_OUTCOMES },
          ],
        },
        status: {
          coalesce: [
            { map: f('EventCode'), table: ACTIONS },
            { map: f('Keywords'), table: AUDIT_OUTCOMES },
          ],
        },
        ...SECURITY_CODE_LOOKUPS,
        app: {
          coalesce: [
            { if: { field: 'Logon_Type', in: LOCAL_LOGON_TYPES }, then: { const: 'win:local' } },
            { if: { field: 'Logon_Type' }, then: { const: 'win:remote' } },
            { const: 'win:unknown' },
          ],
        },
      },
    },
  ],
  eventtypes: [
    securityEventtype('windows_logon_success', [4624], ['authentication']),
    securityEventtype('windows_logon_failure', [4625], ['authentication']),
    securityEventtype('windows_logon_explicit', [4648], ['authentication', 'privileged']),
    securityEventtype('windows_special_privileges', [4672], ['authentication', 'privileged']),
    securityEventtype('windows_auth_ticket_granted', [4768], ['authentication']),
    securityEventtype('windows_service_ticket_granted', [4769], ['authentication']),
    securityEventtype('windows_pre_auth_failed', [4771], ['authentication']),
    securityEventtype('windows_account_used4logon', [4776, 4777], ['authentication']),
    {
      name: 'windows_account_management',
      search: {
        all: [
          { field: 'eventtype', eq: 'wineventlog_security' },
          { field: 'ta_windows_security_CategoryString', eq: 'Account Management' },
        ],
      },
      tags: ['account', 'change', 'management'],
    },
    securityEventtype('windows_account_created', [4720, 4741], ['add', 'account', 'change']),
    securityEventtype('windows_account_deleted', [4726, 4743], ['delete', 'account', 'change']),
    securityEventtype('windows_account_modified', [4738, 4742], ['modify', 'account', 'change']),
    securityEventtype('windows_account_lockout', [4740], ['lock', 'lockout', 'account', 'change']),
    securityEventtype('windows_audit_log_cleared', [1102], ['audit', 'change', 'endpoint', 'delete', 'cleared', 'watchlist']),
    securityEventtype('windows_process_new', [4688], ['process', 'execute', 'start']),
    securityEventtype('windows_process_exit', [4689], ['process', 'execute', 'stop']),
  ],
  tags: [
    { when: { field: 'Logon_Type', eq: 8 }, tags: ['cleartext'] },
    { when: { field: 'app', eq: 'win:local' }, tags: ['local'] },
    { when: { field: 'app', eq: 'win:remote' }, tags: ['remote'] },
  ],
};

export const windowsClassicSystem: SourceSpec = {
  name: 'windows_classic_system',
  description: 'Splunk Add-on for Microsoft Windows, [source::WinEventLog:System]: dest and user.',
  match: { source: ['WinEventLog:System'] },
  extract: [
    {
      set: {
        dest: hostLike(f('ComputerName')),
        user: { regex: f('User'), pattern: '^(?:[^\\\\]+\\\\)?(.+)$', flags: 's' },
      },
    },
  ],
  evals: [{ set: { vendor: { const: 'Microsoft' }, product: { const: 'Windows' }, body: f('Message') } }],
};
