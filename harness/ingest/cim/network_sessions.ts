/**
 * CIM Network_Sessions data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { unknownIfEmpty, vendorProduct } from './calculations.js';

export const networkSessions: DataModelSpec = {
  model: 'Network_Sessions',
  datasets: [
    {
      name: 'All_Sessions',
      constraint: {
        all: [
          { field: 'tag', eq: 'network' },
          { field: 'tag', eq: 'session' },
        ],
      },
      fields: [
        'action',
        'dest_bunit',
        'dest_category',
        'dest_dns',
        'dest_ip',
        'dest_mac',
        'dest_nt_host',
        'dest_priority',
        'duration',
        'response_time',
        'signature',
        'signature_id',
        'src_bunit',
        'src_category',
        'src_dns',
        'src_ip',
        'src_mac',
        'src_nt_host',
        'src_priority',
        'tag',
        'user',
        'user_bunit',
        'user_category',
        'user_priority',
        'vendor_product',
      ],
      calculated: {
        dest_ip: { coalesce: [{ if: { field: 'source', eq: 'stream*' }, then: { field: 'yiaddr' } }, { field: 'dest_ip' }, { const: 'unknown' }] },
        dest_mac: { coalesce: [{ if: { field: 'source', eq: 'stream*' }, then: { field: 'chaddr' } }, { field: 'dest_mac' }, { const: 'unknown' }] },
        dest_nt_host: unknownIfEmpty('dest_nt_host'),
        dest_dns: unknownIfEmpty('dest_dns'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Session_Start',
      parent: 'All_Sessions',
      constraint: { field: 'tag', eq: 'start' },
      fields: [],
    },
    {
      name: 'Session_End',
      parent: 'All_Sessions',
      constraint: { field: 'tag', eq: 'end' },
      fields: [],
    },
    {
      name: 'DHCP',
      parent: 'All_Sessions',
      constraint: { field: 'tag', eq: 'dhcp' },
      fields: ['lease_duration', 'lease_scope'],
    },
    {
      name: 'VPN',
      parent: 'All_Sessions',
      constraint: { field: 'tag', eq: 'vpn' },
      fields: [],
    },
  ],
};
