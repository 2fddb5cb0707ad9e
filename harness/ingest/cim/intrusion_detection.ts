/**
 * CIM Intrusion_Detection data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { unknownIfEmpty, vendorProduct } from './calculations.js';

export const intrusionDetection: DataModelSpec = {
  model: 'Intrusion_Detection',
  datasets: [
    {
      name: 'IDS_Attacks',
      constraint: {
        all: [
          { field: 'tag', eq: 'ids' },
          { field: 'tag', eq: 'attack' },
        ],
      },
      fields: [
        'action',
        'category',
        'dest',
        'dest_bunit',
        'dest_category',
        'dest_port',
        'dest_priority',
        'dvc',
        'dvc_bunit',
        'dvc_category',
        'dvc_priority',
        'file_hash',
        'file_name',
        'file_path',
        'ids_type',
        'severity',
        'severity_id',
        'signature',
        'signature_id',
        'src',
        'src_bunit',
        'src_category',
        'src_port',
        'src_priority',
        'tag',
        'transport',
        'user',
        'user_bunit',
        'user_category',
        'user_priority',
        'vendor_product',
      ],
      calculated: {
        dvc: unknownIfEmpty('dvc'),
        ids_type: unknownIfEmpty('ids_type'),
        category: unknownIfEmpty('category'),
        signature: unknownIfEmpty('signature'),
        severity: unknownIfEmpty('severity'),
        src: unknownIfEmpty('src'),
        dest: unknownIfEmpty('dest'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Application_IDS_Attacks',
      parent: 'IDS_Attacks',
      constraint: { field: 'ids_type', eq: 'application' },
      fields: [],
    },
    {
      name: 'Host_IDS_Attacks',
      parent: 'IDS_Attacks',
      constraint: { field: 'ids_type', eq: 'host' },
      fields: [],
    },
    {
      name: 'Network_IDS_Attacks',
      parent: 'IDS_Attacks',
      constraint: { field: 'ids_type', eq: 'network' },
      fields: [],
    },
  ],
};
