/**
 * CIM Network_Resolution data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { countOf, firstOf, unknownIfEmpty, vendorProduct } from './calculations.js';

export const networkResolution: DataModelSpec = {
  model: 'Network_Resolution',
  datasets: [
    {
      name: 'DNS',
      constraint: {
        all: [
          { field: 'tag', eq: 'network' },
          { field: 'tag', eq: 'resolution' },
          { field: 'tag', eq: 'dns' },
        ],
      },
      fields: [
        'additional_answer_count',
        'answer',
        'answer_count',
        'authority_answer_count',
        'dest',
        'dest_bunit',
        'dest_category',
        'dest_port',
        'dest_priority',
        'duration',
        'message_type',
        'name',
        'query',
        'query_count',
        'query_type',
        'record_type',
        'reply_code',
        'reply_code_id',
        'response_time',
        'src',
        'src_bunit',
        'src_category',
        'src_port',
        'src_priority',
        'tag',
        'transaction_id',
        'transport',
        'ttl',
        'vendor_product',
      ],
      calculated: {
        answer: unknownIfEmpty('answer'),
        answer_count: countOf('answer_count', 'answer'),
        dest: unknownIfEmpty('dest'),
        message_type: unknownIfEmpty('message_type'),
        query: unknownIfEmpty('query'),
        query_count: countOf('query_count', 'query'),
        reply_code_id: firstOf('reply_code_id', ['reply_code'], 'unknown'),
        // (the model's reply_code lookup is folded into the source tables, which set reply_code)
        vendor_product: vendorProduct(),
      },
    },
  ],
};
