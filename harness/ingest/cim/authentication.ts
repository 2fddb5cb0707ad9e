/**
 * CIM Authentication data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { orField, unknownIfEmpty } from './calculations.js';

export const authentication: DataModelSpec = {
  model: 'Authentication',
  datasets: [
    {
      name: 'Authentication',
      constraint: {
        all: [
          { field: 'tag', eq: 'authentication' },
          {
            not: {
              all: [
                { field: 'action', eq: 'success' },
                { field: 'user', eq: '*$' },
              ],
            },
          },
        ],
      },
      fields: [
        'action',
        'app',
        'authentication_method',
        'authentication_service',
        'dest',
        'dest_bunit',
        'dest_category',
        'dest_nt_domain',
        'dest_priority',
        'duration',
        'reason',
        'response_time',
        'signature',
        'signature_id',
        'src',
        'src_bunit',
        'src_category',
        'src_nt_domain',
        'src_priority',
        'src_user',
        'src_user_bunit',
        'src_user_category',
        'src_user_id',
        'src_user_priority',
        'src_user_role',
        'src_user_type',
        'tag',
        'user',
        'user_agent',
        'user_bunit',
        'user_category',
        'user_id',
        'user_priority',
        'user_role',
        'user_type',
        'vendor_account',
      ],
      calculated: {
        action: unknownIfEmpty('action'),
        app: orField('app', 'sourcetype'),
        src: unknownIfEmpty('src'),
        src_user: unknownIfEmpty('src_user'),
        dest: unknownIfEmpty('dest'),
        user: unknownIfEmpty('user'),
      },
    },
    {
      name: 'Failed_Authentication',
      parent: 'Authentication',
      constraint: { field: 'action', eq: 'failure' },
      fields: [],
    },
    {
      name: 'Successful_Authentication',
      parent: 'Authentication',
      constraint: { field: 'action', eq: 'success' },
      fields: [],
    },
    {
      name: 'Default_Authentication',
      parent: 'Authentication',
      constraint: { field: 'tag', eq: 'default' },
      fields: [],
    },
    {
      name: 'Failed_Default_Authentication',
      parent: 'Default_Authentication',
      constraint: { field: 'action', eq: 'failure' },
      fields: [],
    },
    {
      name: 'Successful_Default_Authentication',
      parent: 'Default_Authentication',
      constraint: { field: 'action', eq: 'success' },
      fields: [],
    },
    {
      name: 'Insecure_Authentication',
      parent: 'Authentication',
      constraint: {
        any: [
          { field: 'tag', eq: 'insecure' },
          { field: 'tag', eq: 'cleartext' },
        ],
      },
      fields: [],
    },
    {
      name: 'Privileged_Authentication',
      parent: 'Authentication',
      constraint: { field: 'tag', eq: 'privileged' },
      fields: [],
    },
    {
      name: 'Failed_Privileged_Authentication',
      parent: 'Privileged_Authentication',
      constraint: { field: 'action', eq: 'failure' },
      fields: [],
    },
    {
      name: 'Successful_Privileged_Authentication',
      parent: 'Privileged_Authentication',
      constraint: { field: 'action', eq: 'success' },
      fields: [],
    },
  ],
};
