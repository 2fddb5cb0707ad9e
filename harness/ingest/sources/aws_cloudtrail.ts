/**
 * AWS CloudTrail (sourcetype aws:cloudtrail, JSON flattened by the reader into `userIdentity.arn`
 * and the like): what the Splunk Add-on for AWS adds. The field names follow the fields ESCU's
 * data sources record for CloudTrail events in a real Splunk (user, user_arn, user_name,
 * aws_account_id, src, src_ip, region, user_agent, signature, command, action, status, ...).
 */

import type { Cond, Expr } from '../transforms.js';
import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });
/** The last path segment of an ARN (`arn:aws:iam::1:user/alice` → alice). */
const arnName: Expr = { regex: f('userIdentity.arn'), pattern: '[/:]([^/:]+)$' };
const consoleLogin: Cond = { field: 'eventName', eq: 'ConsoleLogin' };
const failed: Cond = { any: [{ field: 'errorCode' }, { field: 'responseElements.ConsoleLogin', eq: 'Failure' }] };
const outcome: Expr = { if: failed, then: { const: 'failure' }, else: { const: 'success' } };
const AUTHENTICATION_EVENTS = [
  'ConsoleLogin',
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'GetSessionToken',
  'GetFederationToken',
  'CheckMfa',
];

export const awsCloudtrail: SourceSpec = {
  name: 'aws_cloudtrail',
  description: 'Splunk Add-on for AWS, aws:cloudtrail: identity, source, region and outcome of each API call.',
  match: { sourcetype: ['aws:cloudtrail'] },
  aliases: [
    {
      alias: {
        src: 'sourceIPAddress',
        src_ip: 'sourceIPAddress',
        src_user_type: 'userIdentity.sessionContext.sessionIssuer.type',
        src_user_id: 'userIdentity.sessionContext.sessionIssuer.principalId',
        user_agent: 'userAgent',
        region: 'awsRegion',
        vendor_region: 'awsRegion',
        signature: 'eventName',
        command: 'eventName',
        dvc: 'eventSource',
        start_time: 'eventTime',
        msg: 'errorMessage',
        reason: 'errorMessage',
        vendor_account: 'recipientAccountId',
        user_arn: 'userIdentity.arn',
        user_type: 'userIdentity.type',
        user_id: 'userIdentity.principalId',
        user_access_key: 'userIdentity.accessKeyId',
        user_group_id: 'userIdentity.accountId',
      },
    },
  ],
  evals: [
    {
      set: {
        vendor: { const: 'AWS' },
        product: { const: 'CloudTrail' },
        vendor_product: { const: 'AWS CloudTrail' },
        app: { const: 'AWS CloudTrail' },
        dest: f('eventSource'),
        aws_account_id: { coalesce: [f('recipientAccountId'), f('userIdentity.accountId')] },
        // The IAM user, or the session name of an assumed role (last part of the ARN).
        user_name: { coalesce: [f('userIdentity.userName'), arnName] },
        user: { coalesce: [f('userIdentity.userName'), arnName, f('userIdentity.principalId'), f('userIdentity.invokedBy')] },
        // The identity that acted: for an assumed role the role behind the session.
        src_user: { coalesce: [f('userIdentity.sessionContext.sessionIssuer.userName'), f('userIdentity.userName'), arnName, f('userIdentity.principalId')] },
        action: outcome,
        status: outcome,
        result: { if: consoleLogin, then: f('responseElements.ConsoleLogin'), else: { coalesce: [f('errorCode'), { const: 'success' }] } },
        object_category: { if: consoleLogin, then: { const: 'user' } },
      },
    },
  ],
  eventtypes: [
    { name: 'aws_cloudtrail_auth', search: { field: 'eventName', in: AUTHENTICATION_EVENTS }, tags: ['authentication'] },
    {
      name: 'aws_cloudtrail_change',
      search: { all: [{ field: 'readOnly', eq: 'false' }, { not: { field: 'eventName', in: AUTHENTICATION_EVENTS } }] },
      tags: ['change', 'cloud'],
    },
    { name: 'aws_cloudtrail', search: { field: 'sourcetype', eq: 'aws:cloudtrail' }, tags: ['cloud', 'aws'] },
  ],
};
