/**
 * CrowdStrike Falcon Data Replicator sensor events (sourcetype crowdstrike:events:sensor): flat
 * JSON, every value a string, `event_simpleName` naming the event. What the CrowdStrike FDR
 * add-on maps into CIM: process launches (ProcessRollup2 and its synthetic twin) into
 * Endpoint.Processes; DNS requests and network connections into their models.
 */

import type { Cond } from '../transforms.js';
import type { SourceSpec } from './spec.js';

const f = (field: string) => ({ field });
const simpleName = (...names: string[]): Cond => ({ field: 'event_simpleName', in: names });
const processEvent = simpleName('ProcessRollup2', 'SyntheticProcessRollup2', 'ProcessRollup2Stats');

/** Windows integrity level RIDs (as decimal text) → the names Sysmon and the CIM use. */
const INTEGRITY_LEVELS = { '0': 'untrusted', '4096': 'low', '8192': 'medium', '8448': 'medium', '12288': 'high', '16384': 'system', '20480': 'protected' };

export const crowdstrikeFdr: SourceSpec = {
  name: 'crowdstrike_fdr',
  description: 'CrowdStrike Falcon Data Replicator add-on: process, DNS and network events into CIM.',
  match: { sourcetype: ['crowdstrike:events:sensor'] },
  evals: [
    {
      set: {
        vendor_product: { const: 'CrowdStrike Falcon' },
        // The add-on resolves the sensor id (aid) to the host name when it knows it.
        dest: { coalesce: [f('ComputerName'), f('aid_computer_name'), f('aid')] },
        os: f('event_platform'),
        user: { coalesce: [f('UserName'), f('UserSid')] },
        user_id: f('UserSid'),
      },
    },
    {
      when: processEvent,
      set: {
        action: { const: 'allowed' },
        process: f('CommandLine'),
        process_path: f('ImageFileName'),
        process_name: { basename: f('ImageFileName') },
        process_exec: { basename: f('ImageFileName') },
        process_id: { number: f('RawProcessId') },
        process_guid: f('TargetProcessId'),
        process_hash: f('SHA256HashData'),
        process_integrity_level: { map: f('IntegrityLevel'), table: INTEGRITY_LEVELS },
        parent_process_id: { number: f('ParentProcessId') },
        parent_process_guid: f('ParentProcessId'),
        parent_process_name: f('ParentBaseFileName'),
        parent_process_exec: f('ParentBaseFileName'),
        original_file_name: f('OriginalFilename'),
      },
    },
    {
      when: simpleName('DnsRequest'),
      set: { query: f('DomainName'), record_type: f('RequestType'), src: { coalesce: [f('ComputerName'), f('aid')] } },
    },
    {
      when: simpleName('NetworkConnectIP4', 'NetworkConnectIP6', 'NetworkReceiveAcceptIP4', 'NetworkReceiveAcceptIP6'),
      set: {
        src_ip: f('LocalAddressIP4'),
        src_port: { number: f('LocalPort') },
        dest_ip: { coalesce: [f('RemoteAddressIP4'), f('RemoteAddressIP6')] },
        dest_port: { number: f('RemotePort') },
        src: { coalesce: [f('ComputerName'), f('LocalAddressIP4')] },
        dest: { coalesce: [f('RemoteAddressIP4'), f('RemoteAddressIP6')] },
      },
    },
  ],
  eventtypes: [
    { name: 'crowdstrike_process', search: processEvent, tags: ['process', 'report'] },
    { name: 'crowdstrike_dns', search: simpleName('DnsRequest'), tags: ['network', 'resolution', 'dns'] },
    {
      name: 'crowdstrike_network',
      search: simpleName('NetworkConnectIP4', 'NetworkConnectIP6', 'NetworkReceiveAcceptIP4', 'NetworkReceiveAcceptIP6'),
      tags: ['network', 'communicate'],
    },
  ],
};
