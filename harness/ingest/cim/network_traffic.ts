/**
 * CIM Network_Traffic data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { differenceOf, numberOr, sumOf, unknownIfEmpty, unknownIfEmptyLower, vendorProduct } from './calculations.js';

export const networkTraffic: DataModelSpec = {
  model: 'Network_Traffic',
  datasets: [
    {
      name: 'All_Traffic',
      constraint: { all: [{ field: 'tag', eq: 'network' }, { field: 'tag', eq: 'communicate' }] },
      fields: [
        'action', 'app', 'bytes', 'bytes_in', 'bytes_out', 'channel', 'dest', 'dest_bunit', 'dest_category',
        'dest_interface', 'dest_ip', 'dest_mac', 'dest_port', 'dest_priority', 'dest_translated_ip',
        'dest_translated_port', 'dest_zone', 'direction', 'duration', 'dvc', 'dvc_bunit', 'dvc_category',
        'dvc_ip', 'dvc_mac', 'dvc_priority', 'dvc_zone', 'flow_id', 'icmp_code', 'icmp_type', 'packets',
        'packets_in', 'packets_out', 'process_id', 'protocol', 'protocol_version', 'response_time', 'rule',
        'session_id', 'src', 'src_bunit', 'src_category', 'src_interface', 'src_ip', 'src_mac', 'src_port',
        'src_priority', 'src_translated_ip', 'src_translated_port', 'src_zone', 'ssid', 'tag', 'tcp_flag',
        'tos', 'transport', 'ttl', 'user', 'user_bunit', 'user_category', 'user_priority', 'vendor_account',
        'vendor_product', 'vlan', 'wifi',
      ],
      calculated: {
        action: unknownIfEmpty('action'),
        bytes: sumOf('bytes', 'bytes_in', 'bytes_out'),
        bytes_in: differenceOf('bytes_in', 'bytes', 'bytes_out'),
        bytes_out: differenceOf('bytes_out', 'bytes', 'bytes_in'),
        dest: unknownIfEmpty('dest'),
        dest_port: numberOr('dest_port', 0),
        dvc: unknownIfEmpty('dvc'),
        packets: sumOf('packets', 'packets_in', 'packets_out'),
        packets_in: differenceOf('packets_in', 'packets', 'packets_out'),
        packets_out: differenceOf('packets_out', 'packets', 'packets_in'),
        rule: unknownIfEmpty('rule'),
        src: unknownIfEmpty('src'),
        src_port: numberOr('src_port', 0),
        transport: unknownIfEmptyLower('transport'),
        user: unknownIfEmpty('user'),
        vendor_product: vendorProduct(),
      },
    },
    {
      name: 'Traffic_By_Action',
      parent: 'All_Traffic',
      constraint: { field: 'action' },
      fields: [],
    },
    {
      name: 'Allowed_Traffic',
      parent: 'Traffic_By_Action',
      constraint: { field: 'action', eq: 'allowed' },
      fields: [],
    },
    {
      name: 'Blocked_Traffic',
      parent: 'Traffic_By_Action',
      constraint: { field: 'action', eq: 'blocked' },
      fields: [],
    },
  ],
};
