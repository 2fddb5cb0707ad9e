/**
 * CIM Change data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { firstOf, unknownIfEmpty, vendorProduct } from './calculations.js';

export const change: DataModelSpec = {
  model: 'Change',
  datasets: [
    {
      name: 'All_Changes',
      constraint: {
        all: [
          { field: 'tag', eq: 'change' },
          {
            not: {
              any: [
                { field: 'object_category', eq: 'file' },
                { field: 'object_category', eq: 'directory' },
                { field: 'object_category', eq: 'registry' },
              ],
            },
          },
        ],
      },
      fields: [
        'action',
        'change_type',
        'command',
        'dest',
        'dest_bunit',
        'dest_category',
        'dest_priority',
        'dvc',
        'object',
        'object_attrs',
        'object_category',
        'object_id',
        'object_path',
        'result',
        'result_id',
        'src',
        'src_bunit',
        'src_category',
        'src_priority',
        'status',
        'tag',
        'user',
        'user_agent',
        'user_bunit',
        'user_category',
        'user_name',
        'user_priority',
        'user_type',
        'vendor_account',
        'vendor_product',
        'vendor_region',
      ],
      calculated: {
        change_type: unknownIfEmpty('change_type'),
        command: unknownIfEmpty('command'),
        dest: unknownIfEmpty('dest'),
        dvc: unknownIfEmpty('dvc'),
        object: unknownIfEmpty('object'),
        object_attrs: unknownIfEmpty('object_attrs'),
        object_category: unknownIfEmpty('object_category'),
        object_id: unknownIfEmpty('object_id'),
        object_path: unknownIfEmpty('object_path'),
        status: unknownIfEmpty('status'),
        result: firstOf('result', ['signature'], 'unknown'),
        result_id: firstOf('result_id', ['signature_id'], -1),
        src: unknownIfEmpty('src'),
        user: unknownIfEmpty('user'),
        user_name: unknownIfEmpty('user_name'),
        vendor_product: vendorProduct(),
        action: unknownIfEmpty('action'),
      },
    },
    {
      name: 'Auditing_Changes',
      parent: 'All_Changes',
      constraint: { field: 'tag', eq: 'audit' },
      fields: [],
    },
    {
      name: 'Endpoint_Changes',
      parent: 'All_Changes',
      constraint: { field: 'tag', eq: 'endpoint' },
      fields: [],
    },
    {
      name: 'Endpoint_Restarts',
      parent: 'Endpoint_Changes',
      constraint: {
        all: [
          { field: 'action', eq: 'modified' },
          { field: 'change_type', eq: 'restart' },
        ],
      },
      fields: [],
    },
    {
      name: 'Other_Endpoint_Changes',
      parent: 'Endpoint_Changes',
      constraint: { not: { field: 'change_type', eq: 'restart' } },
      fields: [],
    },
    {
      name: 'Network_Changes',
      parent: 'All_Changes',
      constraint: { field: 'tag', eq: 'network' },
      fields: ['dest_ip_range', 'dest_port_range', 'direction', 'protocol', 'rule_action', 'src_ip_range', 'src_port_range'],
    },
    {
      name: 'Device_Restarts',
      parent: 'Network_Changes',
      constraint: {
        all: [
          { field: 'action', eq: 'modified' },
          { field: 'change_type', eq: 'restart' },
        ],
      },
      fields: [],
    },
    {
      name: 'Account_Management',
      parent: 'All_Changes',
      constraint: { field: 'tag', eq: 'account' },
      fields: ['dest_nt_domain', 'src_nt_domain', 'src_user', 'src_user_bunit', 'src_user_category', 'src_user_name', 'src_user_priority', 'src_user_type'],
      calculated: {
        dest_nt_domain: unknownIfEmpty('dest_nt_domain'),
        src_nt_domain: unknownIfEmpty('src_nt_domain'),
        src_user: unknownIfEmpty('src_user'),
        src_user_name: unknownIfEmpty('src_user_name'),
      },
    },
    {
      name: 'Accounts_Created',
      parent: 'Account_Management',
      constraint: { field: 'action', eq: 'created' },
      fields: [],
    },
    {
      name: 'Accounts_Deleted',
      parent: 'Account_Management',
      constraint: { field: 'action', eq: 'deleted' },
      fields: [],
    },
    {
      name: 'Account_Lockouts',
      parent: 'Account_Management',
      constraint: { field: 'result', eq: 'lockout' },
      fields: [],
    },
    {
      name: 'Accounts_Updated',
      parent: 'Account_Management',
      constraint: {
        any: [
          { field: 'action', eq: 'updated' },
          { field: 'action', eq: 'modified' },
        ],
      },
      fields: [],
    },
    {
      name: 'Instance_Changes',
      parent: 'All_Changes',
      constraint: { field: 'tag', eq: 'instance' },
      fields: ['image_id', 'instance_type'],
      calculated: {
        image_id: unknownIfEmpty('image_id'),
        instance_type: unknownIfEmpty('instance_type'),
      },
    },
  ],
};
