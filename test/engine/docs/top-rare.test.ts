/** Search Reference, "top" and "rare". */
import { docPage, on, REF } from './helpers.js';

const TOP = REF + 'search-commands/top';
const RARE = REF + 'search-commands/rare';

const hosts = [{ host: 'a' }, { host: 'b' }, { host: 'a' }, { host: 'c' }, { host: 'a' }, { host: 'b' }, { host: 'd' }, { host: 'a' }];

docPage(TOP, [
  on('"top [<N>] ... Specifying top limit=<int> is the same as specifying top N": a count given by position', hosts, '| top 2 host', [
    { host: 'a', count: '4', percent: '50' },
    { host: 'b', count: '2', percent: '25' },
  ]),
  on('"limit ... Specifies how many results to return"', hosts, '| top limit=1 host', [{ host: 'a', count: '4' }]),
  on(
    'otherstr: "If useother=true, specify the value that is written into the row that represents all other values. Default: OTHER"',
    hosts,
    '| top 2 host useother=true',
    [
      { host: 'a', count: '4' },
      { host: 'b', count: '2' },
      { host: 'OTHER', count: '2', percent: '25' },
    ],
  ),
  on(
    'countfield, percentfield, useother and otherstr together: the columns are renamed and the other row labelled',
    hosts,
    '| top limit=1 host countfield=n percentfield=pct useother=t otherstr=rest',
    [
      { host: 'a', n: '4', pct: '50', count: null, percent: null },
      { host: 'rest', n: '4', pct: '50' },
    ],
  ),
  on('showperc: "Specify whether to create a field called \'percent\'"; showperc=false leaves it out', hosts, '| top 1 host showperc=false', [
    { host: 'a', count: '4', percent: null },
  ]),
  on('showcount=false: "If you do not want to return the count of events, specify showcount=false"', hosts, '| top 1 host showcount=false', [
    { host: 'a', count: null, percent: '50' },
  ]),
  on(
    '"If the <by-clause> is included, the results are grouped by the field you specify"',
    [
      { host: 'a', user: 'x' },
      { host: 'a', user: 'x' },
      { host: 'a', user: 'y' },
      { host: 'b', user: 'z' },
    ],
    '| top 1 user by host',
    [
      { host: 'a', user: 'x', count: '2' },
      { host: 'b', user: 'z', count: '1' },
    ],
  ),
]);

docPage(RARE, [
  on('rare: "Displays the least common values of a field"; a count by position as in top', hosts, '| rare 2 host', [
    { host: 'c', count: '1' },
    { host: 'd', count: '1' },
  ]),
  on('rare with useother: the other row is labelled OTHER by default', hosts, '| rare 1 host useother=true', [
    { host: 'c', count: '1' },
    { host: 'OTHER', count: '7' },
  ]),
]);
