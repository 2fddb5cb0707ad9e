/**
 * Microsoft 365 unified audit log (sourcetype o365:management:activity): what the Splunk Add-on
 * for Microsoft Office 365 adds. The reader flattens `ExtendedProperties` into parallel
 * `ExtendedProperties{}.Name` / `.Value` lists; the add-on turns each pair into a field
 * (UserAgent, RequestType, ...), as Splunk's field list for these events shows.
 */

import type { Cond, Expr } from '../transforms.js';
import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });
const extended = (key: string): Expr => ({ pairValue: { names: f('ExtendedProperties{}.Name'), values: f('ExtendedProperties{}.Value'), key } });
const device = (key: string): Expr => ({ pairValue: { names: f('DeviceProperties{}.Name'), values: f('DeviceProperties{}.Value'), key } });
const login: Cond = { field: 'Operation', in: ['UserLoggedIn', 'UserLoginFailed'] };
/** ClientIP may carry a port (`1.2.3.4:443`, `[::1]:443`): the address alone. */
const clientAddress: Expr = {
  coalesce: [
    { regex: f('ClientIP'), pattern: '^\\[([^\\]]+)\\](?::\\d+)?$' },
    { regex: f('ClientIP'), pattern: '^(\\d+\\.\\d+\\.\\d+\\.\\d+)(?::\\d+)?$' },
    f('ClientIP'),
    f('ActorIpAddress'),
  ],
};
const RESULTS: Record<string, string> = { succeeded: 'success', success: 'success', true: 'success', failed: 'failure', failure: 'failure', false: 'failure' };

export const o365ManagementActivity: SourceSpec = {
  name: 'o365_management_activity',
  description: 'Splunk Add-on for Microsoft Office 365, o365:management:activity: user, source address, operation, outcome.',
  match: { sourcetype: ['o365:management:activity'] },
  extract: [
    {
      set: {
        UserAgent: extended('UserAgent'),
        RequestType: extended('RequestType'),
        ResultStatusDetail: extended('ResultStatusDetail'),
        OS: device('OS'),
        BrowserType: device('BrowserType'),
        SessionId: device('SessionId'),
      },
    },
  ],
  aliases: [
    {
      alias: {
        user: 'UserId',
        user_id: 'UserKey',
        user_type: 'UserType',
        signature: 'Operation',
        command: 'Operation',
        object: 'ObjectId',
        object_path: 'Item.ParentFolder.Path',
        record_type: 'RecordType',
        vendor_account: 'OrganizationId',
        app: 'Workload',
        dataset_name: 'Workload',
        event_type: 'AzureActiveDirectoryEventType',
      },
    },
  ],
  evals: [
    {
      set: {
        vendor_product: { const: 'Microsoft Office 365' },
        src: clientAddress,
        src_ip: clientAddress,
        // Azure AD operations carry it inside additionalDetails JSON; Exchange in ClientInfoString.
        user_agent: {
          coalesce: [f('UserAgent'), extended('UserAgent'), { regex: extended('additionalDetails'), pattern: '"User-Agent":"([^"]+)"' }, f('ClientInfoString')],
        },
        status: f('ResultStatus'),
        action: {
          coalesce: [
            { map: f('Operation'), table: { UserLoggedIn: 'success', UserLoginFailed: 'failure' } },
            { map: f('ResultStatus'), table: RESULTS },
          ],
        },
        authentication_service: { if: login, then: f('Workload') },
        dest: { if: login, then: { const: 'Microsoft Office 365' }, else: f('Workload') },
        dest_name: { if: login, then: { const: 'Microsoft Office 365' } },
        dvc: { const: 'Microsoft Office 365' },
        src_user: { if: { not: login }, then: f('UserId') },
        object: { coalesce: [f('ObjectId'), f('Item.ParentFolder.Name')] },
      },
    },
  ],
  eventtypes: [
    { name: 'o365_authentication', search: login, tags: ['authentication'] },
    { name: 'o365_management_activity', search: { not: login }, tags: ['change', 'cloud'] },
  ],
};
