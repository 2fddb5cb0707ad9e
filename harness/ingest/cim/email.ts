/**
 * CIM Email data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { countOf, domainOf, unknownIfEmpty, vendorProduct } from './calculations.js';

export const email: DataModelSpec = {
  model: 'Email',
  datasets: [
    {
      name: 'All_Email',
      constraint: { field: 'tag', eq: 'email' },
      fields: [
        'action', 'delay', 'dest', 'dest_bunit', 'dest_category', 'dest_priority', 'duration', 'file_hash',
        'file_name', 'file_size', 'internal_message_id', 'message_id', 'message_info', 'orig_dest',
        'orig_recipient', 'orig_src', 'process', 'process_id', 'protocol', 'recipient', 'recipient_count',
        'recipient_domain', 'recipient_status', 'response_time', 'retries', 'return_addr', 'size', 'src',
        'src_bunit', 'src_category', 'src_priority', 'src_user', 'src_user_bunit', 'src_user_category',
        'src_user_domain', 'src_user_priority', 'status_code', 'subject', 'tag', 'url', 'user', 'user_bunit',
        'user_category', 'user_priority', 'vendor_product', 'xdelay', 'xref',
      ],
      calculated: {
        action: unknownIfEmpty('action'),
        dest: unknownIfEmpty('dest'),
        src: unknownIfEmpty('src'),
        recipient: unknownIfEmpty('recipient'),
        recipient_domain: domainOf('recipient'),
        recipient_count: countOf('recipient_count', 'recipient'),
        src_user: unknownIfEmpty('src_user'),
        src_user_domain: domainOf('src_user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Delivery',
      parent: 'All_Email',
      constraint: { field: 'tag', eq: 'delivery' },
      fields: [],
    },
    {
      name: 'Content',
      parent: 'All_Email',
      constraint: { field: 'tag', eq: 'content' },
      fields: [],
    },
    {
      name: 'Filtering',
      parent: 'All_Email',
      constraint: { field: 'tag', eq: 'filter' },
      fields: ['filter_action', 'filter_score', 'signature', 'signature_extra', 'signature_id'],
    },
  ],
};
