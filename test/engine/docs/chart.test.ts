/** Search Reference, "chart". */
import { docPage, on, REF } from './helpers.js';

const PAGE = REF + 'search-commands/chart';

const requests = [
  { host: 'www1', method: 'GET', bytes: '10' },
  { host: 'www1', method: 'POST', bytes: '5' },
  { host: 'www2', method: 'GET', bytes: '7' },
  { host: 'www1', method: 'GET', bytes: '1' },
  { host: 'www3', bytes: '2' },
];

docPage(PAGE, [
  on('chart with a row split only is the table stats would give: one result per value, in order', requests, '| chart count by host', [
    { host: 'www1', count: '3' },
    { host: 'www2', count: '1' },
    { host: 'www3', count: '1' },
  ]),
  on(
    'example "chart count(method) by host ... the values of the column split field become the columns"; combinations without events count 0',
    requests,
    '| chart count over host by method usenull=f',
    [
      { host: 'www1', GET: '2', POST: '1' },
      { host: 'www2', GET: '1', POST: '0' },
    ],
  ),
  on('"BY <row-split> <column-split>" is the same as OVER <row-split> BY <column-split>', requests, '| chart sum(bytes) by host method usenull=f', [
    { host: 'www1', GET: '11', POST: '5' },
    { host: 'www2', GET: '7', POST: null },
  ]),
  on('usenull: events without the column-split field form the NULL series (default true)', requests, '| chart count over host by method', [
    { host: 'www1', GET: '2', POST: '1', NULL: '0' },
    { host: 'www2', GET: '1', POST: '0', NULL: '0' },
    { host: 'www3', GET: '0', POST: '0', NULL: '1' },
  ]),
  on(
    'usenull=false: events without the column-split field are left out, so a row with only such events is gone',
    requests,
    '| chart count over host by method usenull=f',
    [
      { host: 'www1', NULL: null },
      { host: 'www2', NULL: null },
    ],
  ),
  on(
    'limit / useother: "limit=top<int>" keeps the series with the largest sums and the rest go to OTHER',
    requests,
    '| chart count over host by method limit=1 usenull=f',
    [
      { host: 'www1', GET: '2', POST: null, OTHER: '1' },
      { host: 'www2', GET: '1', OTHER: '0' },
    ],
  ),
  on('otherstr: the name of the column of the other series', requests, '| chart count over host by method limit=1 usenull=f otherstr=rest', [
    { host: 'www1', GET: '2', rest: '1' },
    { host: 'www2', GET: '1', rest: '0' },
  ]),
  on('useother=false: the series past the limit are dropped', requests, '| chart count over host by method limit=1 useother=f usenull=f', [
    { host: 'www1', GET: '2', OTHER: null, POST: null },
    { host: 'www2', GET: '1', OTHER: null },
  ]),
  on('limit=bottom<int> keeps the smallest series', requests, '| chart count over host by method limit=bottom1 useother=f usenull=f', [
    { host: 'www1', POST: '1', GET: null, OTHER: null },
    { host: 'www2', POST: '0' },
  ]),
]);
