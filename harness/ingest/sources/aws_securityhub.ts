/**
 * AWS Security Hub findings through the Splunk Add-on for AWS (sourcetype aws:securityhub:finding,
 * JSON in the ASFF format): the finding's own keys (`Title`, `Types{}`, `Resources{}.Type`) plus the
 * Alerts fields ESCU's data source "AWS Security Hub" lists for a real finding: `dest` (the
 * resources), `severity` (the ASFF label in lower case), `signature`, `description`, `id`,
 * `vendor_account`, `vendor_region`.
 */

import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });

export const awsSecurityhub: SourceSpec = {
  name: 'aws_securityhub_finding',
  description: 'Splunk Add-on for AWS, aws:securityhub:finding: Alerts fields and tags.',
  match: { sourcetype: ['aws:securityhub:finding'] },
  // signature_id: the finding's generator (the rule that raised it), a choice.
  aliases: [
    {
      alias: {
        dest: 'Resources{}.Id',
        dest_type: 'Resources{}.Type',
        signature: 'Title',
        signature_id: 'GeneratorId',
        description: 'Description',
        id: 'Id',
        vendor_account: 'AwsAccountId',
      },
    },
  ],
  evals: [
    {
      set: {
        severity: { lower: f('Severity.Label') },
        severity_id: f('Severity.Normalized'),
        // The region is the fourth part of the finding's ARN: arn:aws:securityhub:<region>:...
        vendor_region: { coalesce: [f('Region'), { regex: f('ProductArn'), pattern: '^arn:[^:]*:[^:]*:([^:]+):' }] },
        app: { const: 'AWS Security Hub' },
        body: f('_raw'),
      },
    },
  ],
  eventtypes: [{ name: 'aws_securityhub_finding', search: { field: 'sourcetype', eq: 'aws:securityhub:finding' }, tags: ['alert'] }],
};
