/**
 * CIM Vulnerabilities data model (CIM 4.20): datasets, their constraints, the fields tstats sees and
 * the model's calculated fields, in the vocabulary of `../transforms.ts`.
 */

import type { DataModelSpec } from './spec.js';
import { lowerIfSet, unknownIfEmpty, vendorProduct } from './calculations.js';

export const vulnerabilities: DataModelSpec = {
  model: 'Vulnerabilities',
  datasets: [
    {
      name: 'Vulnerabilities',
      constraint: {
        all: [
          { field: 'tag', eq: 'vulnerability' },
          { field: 'tag', eq: 'report' },
        ],
      },
      fields: [
        'bugtraq',
        'category',
        'cert',
        'cve',
        'cvss',
        'dest',
        'dest_bunit',
        'dest_category',
        'dest_priority',
        'dvc',
        'dvc_bunit',
        'dvc_category',
        'dvc_priority',
        'msft',
        'mskb',
        'severity',
        'severity_id',
        'signature',
        'signature_id',
        'tag',
        'url',
        'user',
        'user_bunit',
        'user_category',
        'user_priority',
        'vendor_product',
        'xref',
      ],
      calculated: {
        bugtraq: lowerIfSet('bugtraq'),
        category: unknownIfEmpty('category'),
        cert: lowerIfSet('cert'),
        cve: lowerIfSet('cve'),
        dest: unknownIfEmpty('dest'),
        dvc: unknownIfEmpty('dvc'),
        msft: lowerIfSet('msft'),
        mskb: lowerIfSet('mskb'),
        severity: unknownIfEmpty('severity'),
        signature: unknownIfEmpty('signature'),
        vendor_product: vendorProduct(),
        xref: lowerIfSet('xref'),
      },
    },
    {
      name: 'High_Critical_Vulnerabilities',
      parent: 'Vulnerabilities',
      constraint: {
        any: [
          { field: 'severity', eq: 'high' },
          { field: 'severity', eq: 'critical' },
        ],
      },
      fields: [],
    },
    {
      name: 'Medium_Vulnerabilities',
      parent: 'Vulnerabilities',
      constraint: { field: 'severity', eq: 'medium' },
      fields: [],
    },
    {
      name: 'Low_Informational_Vulnerabilities',
      parent: 'Vulnerabilities',
      constraint: {
        any: [
          { field: 'severity', eq: 'low' },
          { field: 'severity', eq: 'informational' },
        ],
      },
      fields: [],
    },
  ],
};
