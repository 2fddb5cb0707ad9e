/**
 * W3C extended log goldens (IIS). Splunk's INDEXED_EXTRACTIONS = w3c names each value by the
 * `#Fields:` directive; names are cleaned (non-alphanumerics to `_`), and `-` is an empty value.
 */
import { describe, expect, it } from 'vitest';
import { readSample } from './helpers.js';

const IIS = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2023-03-01 10:00:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status',
  '2023-03-01 10:00:01 10.0.0.10 POST /owa/auth.owa - 443 - 203.0.113.9 Mozilla/5.0+(Windows+NT+10.0) 302',
  '2023-03-01 10:00:02 10.0.0.10 GET /ecp/default.aspx a=1 443 CORP\\bob 203.0.113.9 - 200',
  '',
].join('\r\n');

describe('W3C reader', () => {
  it('names values by the #Fields directive and reads date + time', async () => {
    const { events, warnings } = await readSample(IIS, { sourcetype: 'ms:iis:splunk' });
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      cs_method: 'POST',
      cs_uri_stem: '/owa/auth.owa',
      c_ip: '203.0.113.9',
      cs_User_Agent_: 'Mozilla/5.0+(Windows+NT+10.0)',
      sc_status: '302',
    });
    expect(events[0].cs_uri_query).toBeUndefined();
    expect(events[1]).toMatchObject({ cs_username: 'CORP\\bob', cs_uri_query: 'a=1' });
    expect(events[1]._time).toBe(Date.UTC(2023, 2, 1, 10, 0, 2) / 1000);
  });

  it('reads VPC flow logs by the documented default field order, time from start', async () => {
    const { events } = await readSample('2 123456789012 eni-0abc 10.0.1.30 10.0.1.1 47254 22 6 2 98 1697608042 1697608070 REJECT OK\n', {
      sourcetype: 'aws:cloudwatchlogs:vpcflow',
    });
    expect(events[0]).toMatchObject({ srcaddr: '10.0.1.30', dstaddr: '10.0.1.1', dstport: '22', action: 'REJECT', log_status: 'OK', _time: 1697608042 });
  });

  it('is chosen by content when the sourcetype is unknown', async () => {
    const { events } = await readSample(IIS, { sourcetype: 'my_web_logs' });
    expect(events[0].cs_method).toBe('POST');
  });
});
