/**
 * CIM Web data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { differenceOf, lengthOf, sumOf, unknownIfEmpty, urlDomainOf, vendorProduct } from './calculations.js';

export const web: DataModelSpec = {
  model: 'Web',
  datasets: [
    {
      name: 'Web',
      constraint: { field: 'tag', eq: 'web' },
      fields: [
        'action', 'app', 'bytes', 'bytes_in', 'bytes_out', 'cached', 'category', 'cookie', 'dest',
        'dest_bunit', 'dest_category', 'dest_port', 'dest_priority', 'duration', 'http_content_type',
        'http_method', 'http_referrer', 'http_referrer_domain', 'http_user_agent', 'http_user_agent_length',
        'response_time', 'site', 'src', 'src_bunit', 'src_category', 'src_priority', 'status', 'tag',
        'uri_path', 'uri_query', 'url', 'url_domain', 'url_length', 'user', 'user_bunit', 'user_category',
        'user_priority', 'vendor_product',
      ],
      calculated: {
        action: unknownIfEmpty('action'),
        bytes: sumOf('bytes', 'bytes_in', 'bytes_out'),
        bytes_in: differenceOf('bytes_in', 'bytes', 'bytes_out'),
        bytes_out: differenceOf('bytes_out', 'bytes', 'bytes_in'),
        dest: unknownIfEmpty('dest', ['-']),
        http_content_type: unknownIfEmpty('http_content_type', ['-']),
        http_method: unknownIfEmpty('http_method', ['-']),
        http_referrer: unknownIfEmpty('http_referrer', ['-']),
        http_referrer_domain: urlDomainOf('http_referrer'),
        http_user_agent: unknownIfEmpty('http_user_agent', ['-']),
        http_user_agent_length: lengthOf('http_user_agent'),
        src: unknownIfEmpty('src', ['-']),
        status: unknownIfEmpty('status', ['-']),
        url: unknownIfEmpty('url', ['-']),
        url_domain: urlDomainOf('url'),
        url_length: lengthOf('url'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Proxy',
      parent: 'Web',
      constraint: { field: 'tag', eq: 'proxy' },
      fields: [],
    },
    {
      name: 'Storage',
      parent: 'Web',
      constraint: { field: 'tag', eq: 'storage' },
      fields: ['error_code', 'operation', 'storage_name'],
    },
  ],
};
