/**
 * CIM Certificates data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { domainOf, unknownIfEmpty } from './calculations.js';

export const certificates: DataModelSpec = {
  model: 'Certificates',
  datasets: [
    {
      name: 'All_Certificates',
      constraint: { field: 'tag', eq: 'certificate' },
      fields: [
        'dest',
        'dest_bunit',
        'dest_category',
        'dest_port',
        'dest_priority',
        'duration',
        'response_time',
        'src',
        'src_bunit',
        'src_category',
        'src_port',
        'src_priority',
        'tag',
        'transport',
      ],
    },
    {
      name: 'SSL',
      parent: 'All_Certificates',
      constraint: {
        any: [
          { field: 'tag', eq: 'ssl' },
          { field: 'tag', eq: 'tls' },
        ],
      },
      fields: [
        'ssl_end_time',
        'ssl_engine',
        'ssl_hash',
        'ssl_is_valid',
        'ssl_issuer',
        'ssl_issuer_common_name',
        'ssl_issuer_email',
        'ssl_issuer_email_domain',
        'ssl_issuer_locality',
        'ssl_issuer_organization',
        'ssl_issuer_state',
        'ssl_issuer_street',
        'ssl_issuer_unit',
        'ssl_name',
        'ssl_policies',
        'ssl_publickey',
        'ssl_publickey_algorithm',
        'ssl_serial',
        'ssl_session_id',
        'ssl_signature_algorithm',
        'ssl_start_time',
        'ssl_subject',
        'ssl_subject_common_name',
        'ssl_subject_email',
        'ssl_subject_email_domain',
        'ssl_subject_locality',
        'ssl_subject_organization',
        'ssl_subject_state',
        'ssl_subject_street',
        'ssl_subject_unit',
        'ssl_validity_window',
        'ssl_version',
      ],
      calculated: {
        ssl_hash: unknownIfEmpty('ssl_hash'),
        ssl_issuer: unknownIfEmpty('ssl_issuer'),
        ssl_issuer_common_name: unknownIfEmpty('ssl_issuer_common_name'),
        ssl_issuer_email_domain: domainOf('ssl_issuer_email'),
        ssl_subject: unknownIfEmpty('ssl_subject'),
        ssl_subject_common_name: unknownIfEmpty('ssl_subject_common_name'),
        ssl_subject_email_domain: domainOf('ssl_subject_email'),
        ssl_validity_window: { difference: [{ field: 'ssl_end_time' }, { field: 'ssl_start_time' }] },
        // true/false text as 1/0; else whether _time falls inside the validity window.
        ssl_is_valid: {
          coalesce: [
            { if: { field: 'ssl_is_valid', in: ['1', 't', 'true'] }, then: { const: 1 } },
            { if: { field: 'ssl_is_valid', in: ['0', 'f', 'false'] }, then: { const: 0 } },
          ],
        },
      },
    },
  ],
};
