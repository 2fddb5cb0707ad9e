/**
 * Search Reference, the commands that reshape results: transpose, untable, xyseries, mvcombine,
 * nomv, filldown, fieldformat. One describe block per page.
 */
import { docPage, on, REF } from './helpers.js';

const CMD = REF + 'search-commands/';

const counts = [
  { sourcetype: 'access', count: '10' },
  { sourcetype: 'secure', count: '4' },
  { sourcetype: 'syslog', count: '7' },
];

docPage(CMD + 'transpose', [
  on(
    '"Returns the specified number of rows (search results) as columns": each field becomes a row, each result a column "row 1", "row 2", ...',
    counts,
    '| transpose',
    [
      { column: 'sourcetype', 'row 1': 'access', 'row 2': 'secure', 'row 3': 'syslog' },
      { column: 'count', 'row 1': '10', 'row 2': '4', 'row 3': '7' },
    ],
  ),
  on('"transpose [int]": the number of rows to transpose', counts, '| transpose 2', [
    { column: 'sourcetype', 'row 1': 'access', 'row 2': 'secure', 'row 3': null },
    { column: 'count', 'row 1': '10', 'row 2': '4' },
  ]),
  on('column_name: "The name of the first column that you want to use for the transposed rows"', counts, '| transpose 1 column_name=field', [
    { field: 'sourcetype', 'row 1': 'access' },
    { field: 'count', 'row 1': '10' },
  ]),
  on('header_field: "The field in your results to use for the names of the columns"', counts, '| transpose header_field=sourcetype', [
    { column: 'count', access: '10', secure: '4', syslog: '7' },
  ]),
  on(
    'include_empty: "Specify whether to include (true) or not include (false) fields that contain empty values"',
    [
      { a: '1', b: '' },
      { a: '2', b: '' },
    ],
    '| transpose include_empty=false',
    [{ column: 'a', 'row 1': '1', 'row 2': '2' }],
  ),
]);

docPage(CMD + 'untable', [
  on(
    '"All of the field names, other than <x-field>, are used as the values for the <y-name-field> field"; their values fill <y-data-field>',
    [
      { host: 'www1', count: '42', status: '200' },
      { host: 'www2', count: '46', status: '200' },
    ],
    '| untable host label data',
    [
      { host: 'www1', label: 'count', data: '42' },
      { host: 'www1', label: 'status', data: '200' },
      { host: 'www2', label: 'count', data: '46' },
      { host: 'www2', label: 'status', data: '200' },
    ],
  ),
]);

docPage(CMD + 'xyseries', [
  on(
    '"Converts results into a tabular format ... the inverse of the untable command": one result per <x-field> value, one field per <y-name-field> value',
    [
      { host: 'www1', label: 'count', data: '42' },
      { host: 'www1', label: 'status', data: '200' },
      { host: 'www2', label: 'count', data: '46' },
    ],
    '| xyseries host label data',
    [
      { host: 'www1', count: '42', status: '200' },
      { host: 'www2', count: '46', status: null },
    ],
  ),
  on(
    'untable then xyseries gives the table back',
    [
      { host: 'www1', count: '42', status: '200' },
      { host: 'www2', count: '46', status: '404' },
    ],
    '| untable host label data | xyseries host label data',
    [
      { host: 'www1', count: '42', status: '200' },
      { host: 'www2', count: '46', status: '404' },
    ],
  ),
]);

docPage(CMD + 'mvcombine', [
  on(
    '"Takes a group of events that are identical except for the specified field ... The specified field becomes a multivalue field"',
    [
      { host: 'a', ip: '10.0.0.1' },
      { host: 'a', ip: '10.0.0.2' },
      { host: 'b', ip: '10.0.0.3' },
      { host: 'a', ip: '10.0.0.4' },
    ],
    '| mvcombine ip',
    [
      { host: 'a', ip: ['10.0.0.1', '10.0.0.2', '10.0.0.4'] },
      { host: 'b', ip: '10.0.0.3' },
    ],
  ),
  on(
    '"finds groups of results where all field values are identical, except the specified field": a result differing elsewhere stays apart',
    [
      { host: 'a', port: '1', ip: 'x' },
      { host: 'a', port: '2', ip: 'y' },
    ],
    '| mvcombine ip',
    [
      { port: '1', ip: 'x' },
      { port: '2', ip: 'y' },
    ],
  ),
]);

docPage(CMD + 'nomv', [
  on(
    '"Converts values of the specified multivalue field into one single value. Separates the values using a new line "\\n" delimiter"',
    [{ senders: ['a@x', 'b@y'] }],
    '| nomv senders',
    [{ senders: 'a@x\nb@y' }],
  ),
  on(
    'mvcombine then nomv: the combined values become one text',
    [
      { h: 'a', v: '1' },
      { h: 'a', v: '2' },
    ],
    '| mvcombine v | nomv v',
    [{ v: '1\n2' }],
  ),
]);

docPage(CMD + 'filldown', [
  on(
    '"Replaces null values with the last non-null value for a field or set of fields ... If there are not any previous values for a field, it is left blank"',
    [{ a: null as never }, { a: '1', b: 'x' }, { b: 'y' }, { a: '3' }],
    '| filldown a',
    [{ a: null }, { a: '1' }, { a: '1', b: 'y' }, { a: '3', b: null }],
  ),
  on('"If no list of fields is given, the filldown command will be applied to all fields"', [{ a: '1', b: 'x' }, { c: 'z' }], '| filldown', [
    { a: '1', b: 'x' },
    { a: '1', b: 'x', c: 'z' },
  ]),
  on(
    'Example 3: "Filldown null values for the count field and any field that starts with \'score\'"',
    [{ count: '1', score1: 'a', other: 'o' }, { x: 'y' }],
    '| filldown count score*',
    [{ count: '1' }, { count: '1', score1: 'a', other: null, x: 'y' }],
  ),
]);

docPage(CMD + 'fieldformat', [
  on(
    '"This command changes the appearance of the results without changing the underlying value of the field": the compared value is the underlying one',
    [{ totalSales: '12345.678' }],
    '| fieldformat totalSales="$".tostring(totalSales, "commas")',
    [{ totalSales: '12345.678' }],
  ),
]);

const sales = [
  { product: 'a', q1: '10', q2: '5', note: 'x' },
  { product: 'b', q1: '1', q2: '2', note: 'y' },
];

docPage(CMD + 'addtotals', [
  on(
    '"computes the arithmetic sum of all numeric fields for each search result ... The sum is placed in a new field" (fieldname default Total)',
    sales,
    '| addtotals',
    [{ Total: '15' }, { Total: '3' }],
  ),
  on(
    'field-list: "Only the fields specified in the <field-list> are summed"; wildcards: "count* to indicate all fields that begin with count"',
    sales,
    '| addtotals fieldname=first q1*',
    [{ first: '10', Total: null }, { first: '1' }],
  ),
  on(
    '"If col=true, the addtotals command computes the column totals, which adds a new result at the end that represents the sum of each field. labelfield, if specified, is a field that will be added to this summary event with the value set by the label option"',
    sales,
    '| addtotals row=false col=true labelfield=product label=ALL',
    [
      { product: 'a', q1: '10', Total: null },
      { product: 'b', q1: '1' },
      { product: 'ALL', q1: '11', q2: '7', note: null },
    ],
  ),
]);
