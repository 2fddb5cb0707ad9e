/**
 * The Security channel rendered as XML (source XmlWinEventLog:Security): the Windows add-on's
 * `[source::XmlWinEventLog:Security]` extractions, CIM mappings (process creation 4688 into
 * Endpoint.Processes, logons into Authentication, account changes into Change), its lookups as
 * tables, and its Security event types with their tags.
 */

import type { Expr } from '../transforms.js';
import type { SourceSpec } from './spec.js';
import {
  ACCOUNT_MANAGEMENT_CODES,
  ACTIONS,
  LOCAL_LOGON_TYPES,
  SIGNATURES,
  SECURITY_CODE_LOOKUPS,
  STATUS_ACTION_CODES,
  eventCode,
  securityEventtype,
} from './windows_event_codes.js';
import { commandLineParts, process4688, user4688 } from './windows_4688.js';

const f = (field: string) => ({ field });
/** Keywords of an audit event → its outcome (XML writes the hex mask, classic logs the words). */
const AUDIT_OUTCOMES = {
  '0x8020000000000000': 'success',
  '0x8010000000000000': 'failure',
  'Audit Success': 'success',
  'Audit Failure': 'failure',
};
const is4688 = eventCode(4688);
/** The add-on's `(?:[\\]+)?([^-].*)`: drop leading backslashes; "-" means no value. */
const hostLike = (field: string): Expr => ({ regex: f(field), pattern: '^\\\\*([^-].*)$', flags: 's' });
/** `(?!^-$)(.+)`: any value but a lone "-". */
const notDash = (field: string): Expr => ({ nullIf: f(field), values: ['-'] });
/** `(?:[^\\]+\\)?(.+)`: the user part of DOMAIN\user. */
const stripDomain = (field: string): Expr => ({ regex: f(field), pattern: '^(?:[^\\\\]+\\\\)?(.+)$', flags: 's' });
/** `^((?:.*[\\/]+)*([^-].*))$` on a path: whole path and last component. */
const pathName = (field: string): Expr => ({ regex: { basename: f(field) }, pattern: '^([^-].*)$', flags: 's' });
const pathWhole = (field: string): Expr => ({ regex: f(field), pattern: '^([^-].*)$', flags: 's' });

export const windowsSecurityXml: SourceSpec = {
  name: 'windows_security_xml',
  description: 'Splunk Add-on for Microsoft Windows, [source::XmlWinEventLog:Security]: Security event fields, CIM mappings, lookups, event types.',
  match: { source: ['XmlWinEventLog:Security'] },
  extract: [
    {
      // Inline EXTRACTs from the raw XML.
      set: {
        src_ip: { regex: f('IpAddress'), pattern: '^(?!::1)(?!127\\.0\\.0\\.1)(.+)$', flags: 's' },
        process: f('ProcessName'),
        new_process: f('NewProcessName'),
        parent_process: f('ParentProcessName'),
        new_process_id: f('NewProcessId'),
        parent_process_id: f('ProcessId'),
        process_id: f('ProcessID'),
        Process_Command_Line: f('CommandLine'),
        dest_port: f('DestPort'),
      },
    },
    {
      // REPORTs renaming the XML names to the classic names the rest of the add-on uses.
      set: {
        vendor_privilege: f('PrivilegeList'),
        Caller_Domain: f('SubjectDomainName'),
        Caller_User_Name: f('SubjectUserName'),
        Logon_ID: f('SubjectLogonId'),
        Logon_Type: f('LogonType'),
        Source_Port: f('IpPort'),
        Source_Workstation: { coalesce: [f('Workstation'), f('WorkstationName'), f('IpAddress')] },
        Target_Domain: f('TargetDomainName'),
        Target_Server_Name: f('TargetServerName'),
        Target_User_Name: f('TargetUserName'),
        Token_Elevation_Type: f('TokenElevationType'),
      },
    },
    {
      // REPORTs deriving CIM fields, in the add-on's order of precedence (first wins).
      set: {
        dest: { coalesce: [hostLike('Target_Server_Name'), f('Computer')] },
        dest_nt_domain: f('Target_Domain'),
        dest_nt_host: hostLike('Target_Server_Name'),
        object_file_path: pathWhole('ObjectName'),
        object_file_name: pathName('ObjectName'),
        file_path: pathWhole('FileName'),
        file_name: pathName('FileName'),
        new_process_name: { basename: f('new_process') },
        parent_process_name: { basename: f('parent_process') },
        ...commandLineParts,
        session_id: f('Logon_ID'),
        src: hostLike('Source_Workstation'),
        src_nt_domain: notDash('Caller_Domain'),
        src_nt_host: hostLike('Source_Workstation'),
        src_user: notDash('Caller_User_Name'),
        user: { coalesce: [f('Target_User_Name'), stripDomain('User')] },
      },
    },
  ],
  aliases: [
    {
      alias: {
        src_port: 'Source_Port',
        object: 'sourcetype',
        body: 'Message',
        ta_windows_status: 'Status',
        Error_Code: 'Status',
      },
    },
  ],
  evals: [
    {
      set: {
        Error_Code: { coalesce: [f('Error_Code'), { const: '-' }] },
        vendor: { const: 'Microsoft' },
        product: { const: 'Windows' },
        ta_windows_action: {
          map: { upper: f('Status') },
          table: {
            '0XC000006F': 'denied',
            '0XC0000070': 'denied',
            '0XC000015B': 'denied',
            '0XC0000234': 'denied',
            '0XC0000064': 'unknown',
            '0XC0000133': 'error',
            '0XC0000225': 'error',
          },
          default: 'failure',
        },
        user_group: { coalesce: [f('TargetUserName'), f('New_Account_Name'), f('Target_Account_Name')] },
        dest_nt_domain: { nullIf: f('dest_nt_domain'), values: ['-'] },
        process: process4688(is4688, 'NewProcessName', { coalesce: [f('process'), f('Process'), f('ProcessName')] }),
        process_path: { if: is4688, then: f('new_process'), else: { coalesce: [f('process'), f('Process'), f('ProcessName')] } },
        // The add-on's process ids for 4688 are the hex values of the event; they are turned
        // into decimal so they compare with Sysmon's and EDR process ids.
        process_id: { if: is4688, then: { hexToDecimal: f('new_process_id') }, else: f('process_id') },
        parent_process_id: { if: is4688, then: { hexToDecimal: f('parent_process_id') }, else: f('parent_process_id') },
        parent_process_path: { if: is4688, then: f('parent_process') },
        process_exec: { if: is4688, then: f('new_process_name') },
        process_name: { if: is4688, then: f('new_process_name'), else: f('ProcessName') },
        user: user4688(is4688),
        action: { if: { all: [is4688, { field: 'Keywords', eq: '0x8020000000000000' }] }, then: { const: 'allowed' } },
        src: { if: eventCode(4778), then: f('ClientAddress'), else: f('src') },
        src_port: { if: eventCode(5158), then: f('SourcePort'), else: f('src_port') },
        registry_path: { if: eventCode(4657), then: f('ObjectName'), else: f('registry_path') },
        registry_value_name: { if: eventCode(4657), then: f('ObjectValueName'), else: f('registry_value_name') },
        registry_value_type: { if: eventCode(4657), then: f('NewValueType'), else: f('registry_value_type') },
        file_name: { coalesce: [f('file_name'), { if: { field: 'ObjectType', eq: 'File' }, then: f('object_file_name') }, f('ShareName')] },
        file_path: { coalesce: [f('file_path'), { if: { field: 'ObjectType', eq: 'File' }, then: f('object_file_path') }, f('ShareLocalPath')] },
        service: { coalesce: [f('service'), f('Service')] },
        Group_Name: {
          if: {
            all: [
              { field: 'TargetUserName' },
              { any: [{ field: 'EventCode', gte: 4727, lte: 4735 }, eventCode(4737, 4799), { field: 'EventCode', gte: 4744, lte: 4764 }] },
            ],
          },
          then: f('TargetUserName'),
          else: f('Group_Name'),
        },
      },
    },
  ],
  lookups: [
    {
      set: {
        action: {
          if: { field: 'EventCode', in: STATUS_ACTION_CODES },
          then: { if: { field: 'Status', in: ['0x0', '0'] }, then: { const: 'success' }, else: { const: 'failure' } },
          else: { map: f('EventCode'), table: ACTIONS },
        },
        ...SECURITY_CODE_LOOKUPS,
        app: {
          coalesce: [
            { if: { field: 'Logon_Type', in: LOCAL_LOGON_TYPES }, then: { const: 'win:local' } },
            { if: { field: 'Logon_Type' }, then: { const: 'win:remote' } },
            { if: eventCode(4768, 4769, 4770, 4771, 4776), then: { const: 'win:remote' } },
            // The add-on's app lookup by source: an event that is neither local nor remote.
            { const: 'win:unknown' },
          ],
        },
      },
    },
    {
      // The audit outcome in Keywords (windows_action_lookup on Keywords): success or failure.
      set: { action: { map: f('Keywords'), table: AUDIT_OUTCOMES } },
    },
    {
      // Account management and audit policy changes: the change's description as result.
      when: { any: [{ field: 'EventCode', in: ACCOUNT_MANAGEMENT_CODES }, eventCode(1102, 4703, 4719, 4739)] },
      set: { result: { map: f('EventCode'), table: SIGNATURES } },
    },
    {
      // `action AS status`: the same lookup fills status.
      set: {
        status: {
          if: { field: 'EventCode', in: STATUS_ACTION_CODES },
          then: { if: { field: 'Status', in: ['0x0', '0'] }, then: { const: 'success' }, else: { const: 'failure' } },
          else: {
            coalesce: [
              { map: f('EventCode'), table: ACTIONS },
              { map: f('Keywords'), table: AUDIT_OUTCOMES },
            ],
          },
        },
      },
    },
  ],
  eventtypes: [
    securityEventtype('windows_auth_ticket_granted', [4768], ['authentication']),
    securityEventtype('windows_service_ticket_granted', [4769], ['authentication']),
    securityEventtype('windows_ticket_renewed', [4770], []),
    securityEventtype('windows_pre_auth_failed', [4771], ['authentication']),
    securityEventtype('windows_account_used4logon', [4776, 4777], ['authentication']),
    securityEventtype('windows_session_reconnected', [4778], []),
    securityEventtype('windows_session_disconnected', [4779], ['access', 'stop', 'logoff']),
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
    securityEventtype('windows_account_enabled', [4722], ['enable', 'account', 'change']),
    securityEventtype('windows_account_password_change', [4723], ['password', 'modify', 'account', 'change']),
    securityEventtype('windows_account_password_set', [4724], ['password', 'modify', 'account', 'change']),
    securityEventtype('windows_account_disabled', [4725], ['disable', 'account', 'change']),
    securityEventtype('windows_account_deleted', [4726, 4743], ['delete', 'account', 'change']),
    securityEventtype('windows_account_modified', [4738, 4742], ['modify', 'account', 'change']),
    securityEventtype('windows_account_lockout', [4740], ['lock', 'lockout', 'account', 'change']),
    securityEventtype('windows_account_unlocked', [4767], ['modify', 'account', 'change']),
    securityEventtype('windows_audit_log_stopped', [1100], ['audit', 'change', 'endpoint', 'stop', 'stopped', 'watchlist']),
    securityEventtype('windows_audit_errors', [1101, 1104, 1108], ['audit', 'error']),
    securityEventtype('windows_audit_log_cleared', [1102], ['audit', 'change', 'endpoint', 'delete', 'cleared', 'watchlist']),
    securityEventtype('windows_logoff', [4634, 4647], ['access', 'stop', 'logoff']),
    securityEventtype('windows_logon_explicit', [4648], ['authentication', 'privileged']),
    securityEventtype('windows_logon_failure', [4625], ['authentication'], { not: { field: 'ta_windows_action', eq: 'error' } }),
    securityEventtype('windows_logon_success', [4624], ['authentication']),
    securityEventtype('windows_object_open', [4656], ['resource', 'file', 'access', 'start']),
    securityEventtype('windows_handle_closed', [4658], ['resource', 'file', 'access', 'stop']),
    securityEventtype('windows_audit_policy_change', [4715, 4719], ['policy', 'configuration', 'modify', 'audit', 'change']),
    securityEventtype('windows_security_access_granted', [4717], ['access', 'authorization', 'add', 'change', 'account']),
    securityEventtype('windows_security_access_removed', [4718], ['access', 'authorization', 'delete', 'change', 'account']),
    securityEventtype('windows_special_privileges', [4672], ['authentication', 'privileged']),
    securityEventtype('windows_privileged_service_call', [4673], ['process', 'execute', 'start', 'privileged']),
    securityEventtype('windows_privileged_object_operation', [4674], ['resource', 'execute', 'start', 'privileged']),
    securityEventtype('windows_process_new', [4688], ['process', 'execute', 'start']),
    securityEventtype('windows_process_exit', [4689], ['process', 'execute', 'stop']),
    securityEventtype('windows_process_token', [4696], ['process', 'execute', 'start', 'privileged']),
    {
      name: 'windows_security_endpoint_registry',
      search: { any: [eventCode(4657), { all: [eventCode(4670), { field: 'ObjectType', eq: 'Registry' }] }] },
      tags: ['endpoint', 'registry'],
    },
    { name: 'windows_security_endpoint_port', search: eventCode(5158), tags: ['listening', 'port'] },
    { name: 'windows_security_change_audit', search: eventCode(1101, 1108), tags: ['change', 'audit'] },
    { name: 'windows_security_change', search: eventCode(5461), tags: ['change'] },
    { name: 'windows_security_authentication', search: eventCode(4801), tags: ['authentication'] },
  ],
  tags: [
    { when: { field: 'Logon_Type', eq: 8 }, tags: ['cleartext'] },
    { when: { field: 'app', eq: 'win:local' }, tags: ['local'] },
    { when: { field: 'app', eq: 'win:remote' }, tags: ['remote'] },
  ],
};
