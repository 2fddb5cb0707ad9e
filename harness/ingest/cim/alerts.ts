/**
 * CIM Alerts data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { orField, unknownIfEmpty } from './calculations.js';

export const alerts: DataModelSpec = {
  model: 'Alerts',
  datasets: [
    {
      name: 'Alerts',
      constraint: { field: 'tag', eq: 'alert' },
      fields: [
        'app',
        'body',
        'description',
        'dest',
        'dest_bunit',
        'dest_category',
        'dest_priority',
        'dest_type',
        'id',
        'mitre_technique_id',
        'severity',
        'severity_id',
        'signature',
        'signature_id',
        'src',
        'src_bunit',
        'src_category',
        'src_priority',
        'src_type',
        'subject',
        'tag',
        'type',
        'user',
        'user_bunit',
        'user_category',
        'user_name',
        'user_priority',
        'vendor_account',
        'vendor_region',
      ],
      calculated: {
        app: orField('app', 'sourcetype'),
        dest: unknownIfEmpty('dest'),
        severity: unknownIfEmpty('severity'),
        signature_id: unknownIfEmpty('signature_id'),
        src: unknownIfEmpty('src'),
        type: unknownIfEmpty('type'),
        user: unknownIfEmpty('user'),
        user_name: unknownIfEmpty('user_name'),
      },
    },
  ],
};
