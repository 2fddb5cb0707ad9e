/**
 * CIM Updates data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { firstOf, unknownIfEmpty, vendorProduct } from './calculations.js';

export const updates: DataModelSpec = {
  model: 'Updates',
  datasets: [
    {
      name: 'Updates',
      constraint: {
        all: [
          { field: 'tag', eq: 'update' },
          { field: 'tag', eq: 'status' },
        ],
      },
      fields: [
        'dest',
        'dest_bunit',
        'dest_category',
        'dest_priority',
        'dest_should_update',
        'dvc',
        'file_hash',
        'file_name',
        'severity',
        'severity_id',
        'signature',
        'signature_id',
        'status',
        'tag',
        'vendor_product',
      ],
      calculated: {
        dest: unknownIfEmpty('dest'),
        signature: firstOf('signature', ['signature_id'], 'unknown'),
        signature_id: firstOf('signature_id', ['signature'], 'unknown'),
        status: unknownIfEmpty('status'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Available_Updates',
      parent: 'Updates',
      constraint: { field: 'status', eq: 'available' },
      fields: [],
    },
    {
      name: 'Installed_Updates',
      parent: 'Updates',
      constraint: { field: 'status', eq: 'installed' },
      fields: [],
    },
    {
      name: 'Restart_Required_Updates',
      parent: 'Updates',
      constraint: { field: 'status', eq: 'restart_required' },
      fields: [],
    },
    {
      name: 'Update_Errors',
      constraint: {
        all: [
          { field: 'tag', eq: 'update' },
          { field: 'tag', eq: 'error' },
        ],
      },
      fields: [],
    },
  ],
};
