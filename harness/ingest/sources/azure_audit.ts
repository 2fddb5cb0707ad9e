/**
 * Azure activity log through the Splunk Add-on for Microsoft Cloud Services (sourcetype
 * mscs:azure:audit, KV_MODE=json): props.conf `[mscs:azure:audit]` and its transforms. The JSON
 * keys (`operationName.localizedValue`, `status.value`, `claims.ipaddr`, `caller`,
 * `resourceGroupName`) stay as they are; the add-on adds the Change fields below.
 */

import type { Expr } from '../transforms.js';
import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });
/** `mscs_audit_change_object{,2,3}`: the text after the last `/` of resourceUri, resourceuri or resourceId. */
const lastSegment = (field: string): Expr => ({ regex: f(field), pattern: '.*/(.*)$' });

export const azureAudit: SourceSpec = {
  name: 'azure_audit',
  description: 'Splunk Add-on for Microsoft Cloud Services, mscs:azure:audit: object, object_path, status, user, dest, dvc.',
  match: { sourcetype: ['mscs:azure:audit'] },
  extract: [
    { set: { object: lastSegment('resourceUri'), object_id: lastSegment('resourceUri') } },
    { set: { object: lastSegment('resourceuri'), object_id: lastSegment('resourceuri') } },
    { set: { object: lastSegment('resourceId'), object_id: lastSegment('resourceId') } },
    { set: { result_id: { regex: f('subStatus.localizedValue'), pattern: 'HTTP\\s*Status\\s*Code\\s*:\\s*(\\d+)' } } },
  ],
  aliases: [
    { alias: { result: 'properties.statusCode', src: 'httpRequest.clientIpAddress', user: 'claims.name', user_name: 'claims.name', dvc: 'subscriptionId' } },
  ],
  evals: [
    {
      set: {
        object_path: { coalesce: [f('resourceUri'), f('resourceuri'), f('resourceId')] },
        event_description: { nullIf: f('description'), values: [''] },
        'operationName.localizedValue': { trim: f('operationName.localizedValue') },
        dest: f('subscriptionId'),
        vendor_res_code: {
          coalesce: [f('properties.statusCode'), { if: { field: 'status.value', eq: 'Started' }, then: { const: 'Started' }, else: { const: 'unknown' } }],
        },
        status: { map: f('status.value'), table: { succeeded: 'success', started: 'success', accepted: 'success', failed: 'failure' } },
        vendor: { const: 'Microsoft' },
        product: { const: 'Azure' },
        vendor_product: { const: 'Microsoft Azure' },
      },
    },
  ],
};
