/**
 * Amazon VPC flow logs through the Splunk Add-on for AWS (sourcetype aws:cloudwatchlogs:vpcflow):
 * the W3C reader names the v2 columns (`srcaddr`, `dstaddr`, `srcport`, `dstport`, `protocol`,
 * `action`, ...); the add-on renames them to Network_Traffic fields, turns the IANA protocol
 * number into `transport` and ACCEPT/REJECT into `allowed`/`blocked` (the vendor value stays in
 * `vpcflow_action`), as the field list of ESCU's data source "AWS CloudWatchLogs VPCflow" shows.
 */

import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });

/** IANA protocol numbers VPC flow logs carry → CIM transport. */
const TRANSPORTS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '47': 'gre', '50': 'esp', '58': 'icmp' };

export const awsVpcflow: SourceSpec = {
  name: 'aws_vpcflow',
  description: 'Splunk Add-on for AWS, aws:cloudwatchlogs:vpcflow: Network_Traffic fields and tags.',
  match: { sourcetype: ['aws:cloudwatchlogs:vpcflow'] },
  aliases: [
    {
      alias: {
        src_ip: 'srcaddr',
        dest_ip: 'dstaddr',
        src: 'srcaddr',
        dest: 'dstaddr',
        src_port: 'srcport',
        dest_port: 'dstport',
        protocol_code: 'protocol',
        aws_account_id: 'account_id',
        vendor_account: 'account_id',
        dvc: 'interface_id',
        start_time: 'start',
        end_time: 'end',
      },
    },
  ],
  evals: [
    {
      set: {
        vpcflow_action: f('action'),
        action: { map: f('action'), table: { accept: 'allowed', reject: 'blocked' } },
        transport: { map: f('protocol'), table: TRANSPORTS },
        protocol: { const: 'ip' },
        duration: { difference: [f('end'), f('start')] },
        vendor_product: { const: 'AWS VPC Flow Logs' },
      },
    },
  ],
  eventtypes: [{ name: 'aws_cloudwatchlogs_vpcflow', search: { field: 'sourcetype', eq: 'aws:cloudwatchlogs:vpcflow' }, tags: ['network', 'communicate'] }],
};
