/**
 * CIM Endpoint data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { firstTokenOf, lowerIfSet, numberOr, unknownIfEmpty, vendorProduct } from './calculations.js';

export const endpoint: DataModelSpec = {
  model: 'Endpoint',
  datasets: [
    {
      name: 'Ports',
      constraint: { all: [{ field: 'tag', eq: 'listening' }, { field: 'tag', eq: 'port' }] },
      fields: [
        'creation_time', 'dest', 'dest_bunit', 'dest_category', 'dest_port', 'dest_priority',
        'dest_requires_av', 'dest_should_timesync', 'dest_should_update', 'process_guid', 'process_id',
        'src', 'src_bunit', 'src_category', 'src_port', 'src_priority', 'src_requires_av',
        'src_should_timesync', 'src_should_update', 'state', 'tag', 'transport', 'transport_dest_port',
        'user', 'user_bunit', 'user_category', 'user_priority', 'vendor_product',
      ],
      calculated: {
        src: unknownIfEmpty('src'),
        src_port: numberOr('src_port', 0),
        dest: unknownIfEmpty('dest'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Processes',
      constraint: { all: [{ field: 'tag', eq: 'process' }, { field: 'tag', eq: 'report' }] },
      fields: [
        'action', 'cpu_load_percent', 'dest', 'dest_bunit', 'dest_category', 'dest_is_expected',
        'dest_priority', 'dest_requires_av', 'dest_should_timesync', 'dest_should_update', 'mem_used',
        'original_file_name', 'os', 'parent_process', 'parent_process_exec', 'parent_process_guid',
        'parent_process_id', 'parent_process_name', 'parent_process_path', 'process',
        'process_current_directory', 'process_exec', 'process_guid', 'process_hash', 'process_id',
        'process_integrity_level', 'process_name', 'process_path', 'tag', 'user', 'user_bunit',
        'user_category', 'user_id', 'user_priority', 'vendor_product',
      ],
      calculated: {
        // the dataset's base search lower-cases the integrity level
        process_integrity_level: lowerIfSet('process_integrity_level'),
        dest: unknownIfEmpty('dest'),
        original_file_name: unknownIfEmpty('original_file_name'),
        parent_process: unknownIfEmpty('parent_process'),
        parent_process_name: firstTokenOf('parent_process_name', 'parent_process'),
        process: unknownIfEmpty('process'),
        process_name: firstTokenOf('process_name', 'process'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Services',
      constraint: { all: [{ field: 'tag', eq: 'service' }, { field: 'tag', eq: 'report' }] },
      fields: [
        'description', 'dest', 'dest_bunit', 'dest_category', 'dest_is_expected', 'dest_priority',
        'dest_requires_av', 'dest_should_timesync', 'dest_should_update', 'process_guid', 'process_id',
        'service', 'service_dll', 'service_dll_hash', 'service_dll_path', 'service_dll_signature_exists',
        'service_dll_signature_verified', 'service_exec', 'service_hash', 'service_id', 'service_name',
        'service_path', 'service_signature_exists', 'service_signature_verified', 'start_mode', 'status',
        'tag', 'user', 'user_bunit', 'user_category', 'user_priority', 'vendor_product',
      ],
      calculated: {
        dest: unknownIfEmpty('dest'),
        service: unknownIfEmpty('service'),
        service_name: unknownIfEmpty('service_name'),
        service_id: unknownIfEmpty('service_id'),
        start_mode: unknownIfEmpty('start_mode'),
        status: unknownIfEmpty('status'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Filesystem',
      constraint: { all: [{ field: 'tag', eq: 'endpoint' }, { field: 'tag', eq: 'filesystem' }] },
      fields: [
        'action', 'dest', 'dest_bunit', 'dest_category', 'dest_priority', 'dest_requires_av',
        'dest_should_timesync', 'dest_should_update', 'file_access_time', 'file_acl', 'file_create_time',
        'file_hash', 'file_modify_time', 'file_name', 'file_path', 'file_size', 'process_guid', 'process_id',
        'tag', 'user', 'user_bunit', 'user_category', 'user_priority', 'vendor_product',
      ],
      calculated: {
        action: unknownIfEmpty('action'),
        dest: unknownIfEmpty('dest'),
        file_hash: unknownIfEmpty('file_hash'),
        file_name: unknownIfEmpty('file_name'),
        file_path: unknownIfEmpty('file_path'),
        file_acl: unknownIfEmpty('file_acl'),
        file_size: numberOr('file_size'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Registry',
      constraint: { all: [{ field: 'tag', eq: 'endpoint' }, { field: 'tag', eq: 'registry' }] },
      fields: [
        'action', 'dest', 'dest_bunit', 'dest_category', 'dest_priority', 'dest_requires_av',
        'dest_should_timesync', 'dest_should_update', 'process_guid', 'process_id', 'registry_hive',
        'registry_key_name', 'registry_path', 'registry_value_data', 'registry_value_name',
        'registry_value_text', 'registry_value_type', 'status', 'tag', 'user', 'user_bunit', 'user_category',
        'user_priority', 'vendor_product',
      ],
      calculated: {
        action: unknownIfEmpty('action'),
        dest: unknownIfEmpty('dest'),
        registry_path: unknownIfEmpty('registry_path'),
        registry_key_name: unknownIfEmpty('registry_key_name'),
        registry_value_data: unknownIfEmpty('registry_value_data'),
        registry_value_name: unknownIfEmpty('registry_value_name'),
        registry_value_type: unknownIfEmpty('registry_value_type'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
  ],
};
