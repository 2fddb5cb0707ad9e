/** Search Reference, the commands that read earlier results: accum, delta, autoregress. */
import { docPage, on, REF } from './helpers.js';

const CMD = REF + 'search-commands/';

const views = [{ views: '1796' }, { views: '1642' }, { views: '1482' }, { views: '1300' }];

docPage(CMD + 'accum', [
  on(
    'accum: "For each event where field is a number, the accum command calculates a running total"; example accum views AS TotalViews',
    views,
    '| accum views AS TotalViews',
    [
      { views: '1796', TotalViews: '1796' },
      { views: '1642', TotalViews: '3438' },
      { views: '1482', TotalViews: '4920' },
      { views: '1300', TotalViews: '6220' },
    ],
  ),
  on(
    '"The accumulated sum can be returned to either the same field"; an event whose field is not a number keeps it',
    [{ x: '1' }, { x: 'n/a' }, { x: '2' }],
    '| accum x',
    [{ x: '1' }, { x: 'n/a' }, { x: '3' }],
  ),
]);

docPage(CMD + 'delta', [
  on(
    'delta: "computes the difference, in search order, between the <field> value for the current event and the <field> value for the previous event"; default name delta(<field>)',
    [{ count: '10' }, { count: '4' }, { count: '7' }],
    '| delta count',
    [{ 'delta(count)': null }, { 'delta(count)': '-6' }, { 'delta(count)': '3' }],
  ),
  on(
    'delta ... AS <newfield> with p=2: "compares the current result value against the value in the result that is two results prior"',
    [{ c: '1' }, { c: '5' }, { c: '4' }, { c: '10' }],
    '| delta c AS d p=2',
    [{ d: null }, { d: null }, { d: '3' }, { d: '5' }],
  ),
  on('"If <field> is not a numeric field, no output field is generated"', [{ c: 'a' }, { c: 'b' }], '| delta c', [{ 'delta(c)': null }, { 'delta(c)': null }]),
]);

docPage(CMD + 'autoregress', [
  on(
    'autoregress: "copying one or more of the previous values for field into each event. The first few events will lack the augmentation"; default p=1, name <field>_p1',
    [{ x: '1' }, { x: '2' }, { x: '3' }],
    '| autoregress x',
    [{ x_p1: null }, { x_p1: '1' }, { x_p1: '2' }],
  ),
  on(
    '"if p=2-4 and field=count, the field names are count_p2, count_p3, count_p4"',
    [{ count: '1' }, { count: '2' }, { count: '3' }, { count: '4' }, { count: '5' }],
    '| autoregress count p=2-4',
    [
      { count_p2: null, count_p3: null, count_p4: null },
      { count_p2: null, count_p3: null, count_p4: null },
      { count_p2: '1', count_p3: null, count_p4: null },
      { count_p2: '2', count_p3: '1', count_p4: null },
      { count_p2: '3', count_p3: '2', count_p4: '1' },
    ],
  ),
  on(
    '"If p is set to a single integer, the newfield argument specifies a field name to copy the single field value into"',
    [{ x: '1' }, { x: '2' }, { x: '3' }],
    '| autoregress x AS old p=2',
    [{ old: null }, { old: null }, { old: '1' }],
  ),
]);

docPage(CMD + 'makecontinuous', [
  on(
    '"Makes a field on the x-axis numerically continuous by adding empty buckets for periods where there is no data"',
    [
      { _time: 3600, count: '5' },
      { _time: 0, count: '2' },
      { _time: 14400, count: '1' },
    ],
    '| makecontinuous _time span=1h',
    [
      { _time: '0', count: '2' },
      { _time: '3600', count: '5' },
      { _time: '7200', count: null },
      { _time: '10800', count: null },
      { _time: '14400', count: '1' },
    ],
  ),
  on(
    '"... and quantifying the periods where there is data": values fall in their bucket of a numeric span',
    [
      { size: '12', n: 'a' },
      { size: '31', n: 'b' },
    ],
    '| makecontinuous size span=10',
    [
      { size: '10', n: 'a' },
      { size: '20', n: null },
      { size: '30', n: 'b' },
    ],
  ),
]);
