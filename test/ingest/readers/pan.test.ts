/**
 * PAN-OS goldens. The Palo Alto add-on splits the syslog message with DELIMS = "," and names
 * the positions per log type; PAN-OS "Syslog Field Descriptions" gives the order (Receive Time,
 * Serial Number, Type, Threat/Content Type, ..., Source Address, Destination Address, ...,
 * Application, ..., Action, then per type: Bytes... for TRAFFIC, URL/Filename, Threat ID,
 * Category, Severity, Direction... for THREAT). Quoted fields may contain commas.
 */
import { describe, expect, it } from 'vitest';
import { splitCsv } from '../../../harness/ingest/readers/pan.js';
import { readSample } from './helpers.js';

describe('PAN-OS reader', () => {
  it('splits CSV with quoted commas', () => {
    expect(splitCsv('a,"b,c",,"d""e"')).toEqual(['a', 'b,c', '', 'd"e']);
  });

  it('names TRAFFIC positions and takes the generated time', async () => {
    const line =
      '<14>1 2024-02-22T12:33:50-05:00 FW01.EXAMPLE.LAN - - - - 1,2024/02/22 12:33:50,0123456789,TRAFFIC,end,2305,2024/02/22 12:33:49,' +
      '192.168.1.5,203.0.113.7,198.51.100.2,203.0.113.7,Allow_Out,,,ssl,vsys1,Trust,Untrust,ethernet1/2,ethernet1/1,Fwd,,1234,1,51000,443,6000,443,0x400053,tcp,allow,5000,1200,3800,20';
    const { events, warnings } = await readSample(line, { sourcetype: 'pan:traffic' });
    expect(warnings).toEqual([]);
    expect(events[0]).toMatchObject({
      host: 'FW01.EXAMPLE.LAN',
      type: 'TRAFFIC',
      log_subtype: 'end',
      src_ip: '192.168.1.5',
      dest_ip: '203.0.113.7',
      rule: 'Allow_Out',
      app: 'ssl',
      src_zone: 'Trust',
      dest_zone: 'Untrust',
      src_port: '51000',
      dest_port: '443',
      transport: 'tcp',
      action: 'allow',
      bytes: '5000',
      bytes_out: '1200',
      bytes_in: '3800',
      packets: '20',
    });
    expect(events[0].src_user).toBeUndefined();
    expect(events[0]._time).toBe(Date.UTC(2024, 1, 22, 12, 33, 49) / 1000);
  });

  it('names THREAT positions, quoted URL included', async () => {
    const line =
      'May 10 11:08:39 fw.example.com 1,2022/05/10 11:08:38,0123456789,THREAT,url,2305,2022/05/10 11:08:38,10.0.0.5,93.184.216.34,,,' +
      'Web,corp\\alice,,web-browsing,vsys1,LAN,WAN,ethernet1/3,ethernet1/1,Fwd,,99,1,50000,80,0,0,0x0,tcp,alert,' +
      '"example.com/a,b.php",(9999),malware,informational,client-to-server';
    const { events } = await readSample(line, { sourcetype: 'pan:threat' });
    expect(events[0]).toMatchObject({
      host: 'fw.example.com',
      type: 'THREAT',
      log_subtype: 'url',
      src_user: 'corp\\alice',
      app: 'web-browsing',
      action: 'alert',
      misc: 'example.com/a,b.php',
      threat: '(9999)',
      raw_category: 'malware',
      severity: 'informational',
      direction: 'client-to-server',
    });
  });
});
