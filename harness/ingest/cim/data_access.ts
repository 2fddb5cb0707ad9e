/**
 * CIM Data_Access data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { orField, unknownIfEmpty, vendorProduct } from './calculations.js';

export const dataAccess: DataModelSpec = {
  model: 'Data_Access',
  datasets: [
    {
      name: 'Data_Access',
      constraint: {
        all: [
          { field: 'tag', eq: 'data' },
          { field: 'tag', eq: 'access' },
        ],
      },
      fields: [
        'action',
        'app',
        'application_id',
        'dest',
        'dest_name',
        'dest_url',
        'dvc',
        'email',
        'object',
        'object_category',
        'object_id',
        'object_path',
        'object_size',
        'owner',
        'owner_email',
        'owner_id',
        'parent_object',
        'parent_object_category',
        'parent_object_id',
        'src',
        'tenant_id',
        'user',
        'user_agent',
        'user_group',
        'user_role',
        'vendor_product',
        'vendor_product_id',
      ],
      calculated: {
        action: unknownIfEmpty('action'),
        app: orField('app', 'sourcetype'),
        dest: unknownIfEmpty('dest'),
        object: unknownIfEmpty('object'),
        object_category: unknownIfEmpty('object_category'),
        object_id: unknownIfEmpty('object_id'),
        object_size: unknownIfEmpty('object_size'),
        src: unknownIfEmpty('src'),
        tenant_id: unknownIfEmpty('tenant_id'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
  ],
};
