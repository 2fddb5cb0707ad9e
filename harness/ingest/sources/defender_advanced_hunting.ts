/**
 * Microsoft Defender advanced hunting tables delivered through Event Hub (sourcetype
 * mscs:azure:eventhub:defender:advancedhunting): each record wraps the table row in
 * `properties`; Splunk's field list for these events (ESCU data source "Windows Defender
 * Alerts") names the row's columns at the top level (`AlertId`, `Title`, `Severity`,
 * `ServiceSource`, `DeviceName`, ...), and AlertInfo / AlertEvidence rows are alerts. The Alerts
 * fields are the columns' meaning (a choice: the add-on's props.conf was not found).
 */

import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });

const COLUMNS = [
  'AlertId',
  'Timestamp',
  'EntityType',
  'EvidenceRole',
  'SHA1',
  'SHA256',
  'RemoteIP',
  'LocalIP',
  'RemoteUrl',
  'AccountName',
  'AccountDomain',
  'AccountSid',
  'AccountObjectId',
  'DeviceId',
  'ThreatFamily',
  'EvidenceDirection',
  'AdditionalFields',
  'MachineGroup',
  'NetworkMessageId',
  'ServiceSource',
  'FileName',
  'FolderPath',
  'ProcessCommandLine',
  'EmailSubject',
  'ApplicationId',
  'Application',
  'DeviceName',
  'FileSize',
  'RegistryKey',
  'RegistryValueName',
  'RegistryValueData',
  'AccountUpn',
  'OAuthApplicationId',
  'Categories',
  'Title',
  'AttackTechniques',
  'DetectionSource',
  'Severity',
  'Category',
];

export const defenderAdvancedHunting: SourceSpec = {
  name: 'defender_advanced_hunting',
  description: 'Microsoft Defender advanced hunting over Event Hub: table columns at the top level; alert rows in the Alerts data model.',
  match: { sourcetype: ['mscs:azure:eventhub:defender:advancedhunting'] },
  aliases: [
    { alias: Object.fromEntries(COLUMNS.map((c) => [c, `properties.${c}`])) },
    { alias: { TenantId: 'tenantId', OperationName: 'operationName', Category: 'category' } },
  ],
  evals: [
    {
      set: {
        id: f('AlertId'),
        signature: f('Title'),
        description: f('Title'),
        severity: { lower: f('Severity') },
        app: f('ServiceSource'),
        dest: { coalesce: [f('DeviceName'), { regex: f('AdditionalFields'), pattern: '"ResourceName"\\s*:\\s*"([^"]+)"' }, f('DeviceId')] },
        user: { coalesce: [f('AccountUpn'), f('AccountName')] },
        type: { const: 'alert' },
        vendor_product: { const: 'Microsoft Defender' },
      },
    },
  ],
  eventtypes: [
    {
      name: 'defender_advancedhunting_alert',
      search: { field: 'category', in: ['AdvancedHunting-AlertInfo', 'AdvancedHunting-AlertEvidence'] },
      tags: ['alert'],
    },
  ],
};
