/** Search Reference, "Multivalue eval functions". */
import { docPage, ev, FUNCTIONS, on } from './helpers.js';

const PAGE = FUNCTIONS + 'multivalue-eval-functions';

docPage(PAGE, [
  ev(
    'commands(): example commands("search foo | stats count | sort count") returns search, stats, sort',
    'x=commands("search foo | stats count | sort count")',
    { x: ['search', 'stats', 'sort'] },
  ),
  ev('commands(): a search without a leading command counts as search', 'x=commands("foo | eval a=1")', { x: ['search', 'eval'] }),
  on(
    'mvappend(): example fullName=mvappend(initial_values, "middle value", last_values)',
    [{ initial_values: ['a', 'b'], last_values: 'z' }],
    '| eval fullName=mvappend(initial_values, "middle value", last_values)',
    [{ fullName: ['a', 'b', 'middle value', 'z'] }],
  ),
  ev('mvappend(): a null argument adds nothing', 'x=mvappend("a", null(), "b")', { x: ['a', 'b'] }),
  on('mvcount(): example n=mvcount(multifield)', [{ multifield: ['a', 'b', 'c'] }, { multifield: 'one' }, { _raw: 'none' }], '| eval n=mvcount(multifield)', [
    { n: '3' },
    { n: '1' },
    { n: null },
  ]),
  ev('mvdedup(): example mvdedup(mvfield) removes duplicate values', 's=mvdedup(split("a,b,a,c,b", ","))', { s: ['a', 'b', 'c'] }),
  on(
    String.raw`mvfilter(): example n=mvfilter(match(email, "\.net$") OR match(email, "\.org$"))`,
    [{ email: ['a@x.net', 'b@y.com', 'c@z.org'] }],
    String.raw`| eval n=mvfilter(match(email, "\.net$") OR match(email, "\.org$"))`,
    [{ n: ['a@x.net', 'c@z.org'] }],
  ),
  on('mvfilter(): "returns NULL" when no value passes', [{ email: ['a@x.com'] }], '| eval n=mvfilter(like(email, "%.net"))', [{ n: null }]),
  on(
    String.raw`mvfind(): example n=mvfind(mymvfield, "err\d+") returns the index of the first match, from 0`,
    [{ mymvfield: ['ok', 'warn', 'err42', 'err7'] }],
    String.raw`| eval n=mvfind(mymvfield, "err\d+")`,
    [{ n: '2' }],
  ),
  on('mvfind(): "If no values match, NULL is returned"', [{ mymvfield: ['ok'] }], String.raw`| eval n=mvfind(mymvfield, "err\d+")`, [{ n: null }]),
  on('mvindex(): example mvindex(multifield, 2): positions count from 0', [{ multifield: ['a', 'b', 'c', 'd'] }], '| eval n=mvindex(multifield, 2)', [
    { n: 'c' },
  ]),
  on(
    'mvindex(): "If the <end> argument is specified, the values from <start> to <end> are returned", inclusive',
    [{ multifield: ['a', 'b', 'c', 'd'] }],
    '| eval n=mvindex(multifield, 1, 2)',
    [{ n: ['b', 'c'] }],
  ),
  on(
    'mvindex(): "negative values count from the end": -1 is the last value',
    [{ multifield: ['a', 'b', 'c', 'd'] }],
    '| eval n=mvindex(multifield, -1), m=mvindex(multifield, 2, -1)',
    [{ n: 'd', m: ['c', 'd'] }],
  ),
  on('mvindex(): a position past the end gives null', [{ multifield: ['a', 'b'] }], '| eval n=mvindex(multifield, 5)', [{ n: null }]),
  on('mvjoin(): example n=mvjoin(foo, ";")', [{ foo: ['a', 'b', 'c'] }], '| eval n=mvjoin(foo, ";")', [{ n: 'a;b;c' }]),
  ev('mvmap(): example mvmap(results, results*10)', 'results=mvrange(1, 4) | eval n=mvmap(results, results*10)', { n: ['10', '20', '30'] }),
  ev(
    'mvmap(): another field may take part: mvmap(results, threshold*results)',
    'results=mvrange(1, 3), threshold=5 | eval n=mvmap(results, threshold*results)',
    { n: ['5', '10'] },
  ),
  ev('mvrange(): example mvrange(1,11,2) returns 1, 3, 5, 7, 9', 'mv=mvrange(1,11,2)', { mv: ['1', '3', '5', '7', '9'] }),
  ev('mvrange(): the end value is excluded and the step defaults to 1', 'mv=mvrange(1, 4)', { mv: ['1', '2', '3'] }),
  ev(
    'mvrange(): example mvrange(1514834731, 1524134919, "7d"): a time span as the step',
    'mv=mvrange(1514834731, 1524134919, "7d") | eval first=mvindex(mv, 0), second=mvindex(mv, 1), n=mvcount(mv)',
    { first: '1514834731', second: '1515439531', n: '16' },
  ),
  ev('mvreverse(): reverses the order of the values', 'mv=mvreverse(split("a,b,c", ","))', { mv: ['c', 'b', 'a'] }),
  ev(
    'mvsort(): "The values are sorted lexicographically": numbers as text, uppercase before lowercase',
    's=mvsort(mvappend("10", "9", "100", "b", "B", "a"))',
    { s: ['10', '100', '9', 'B', 'a', 'b'] },
  ),
  on('mvzip(): example nserver=mvzip(hosts,ports)', [{ hosts: ['h1', 'h2'], ports: ['80', '443'] }], '| eval nserver=mvzip(hosts,ports)', [
    { nserver: ['h1,80', 'h2,443'] },
  ]),
  on(
    'mvzip(): "You can nest several mvzip functions together", with a delimiter',
    [{ a: ['1', '2'], b: ['x', 'y'], c: ['p', 'q'] }],
    '| eval z=mvzip(mvzip(a, b, "|"), c, "|")',
    [{ z: ['1|x|p', '2|y|q'] }],
  ),
  ev('mv_to_json_array(): the values as a JSON array of strings', 'j=mv_to_json_array(mvappend("1", "b"))', { j: '["1","b"]' }),
  ev(
    'mv_to_json_array(): with infer_types true(), numbers and Booleans become JSON numbers and Booleans',
    'j=mv_to_json_array(mvappend("1", "2.5", "true", "x"), true())',
    { j: '[1,2.5,true,"x"]' },
  ),
  ev('split(): example n=split(foo, ";")', 'foo="a;b;c" | eval n=split(foo, ";")', { n: ['a', 'b', 'c'] }),
  ev('split(): an empty delimiter splits into characters', 'n=split("abc", "")', { n: ['a', 'b', 'c'] }),
]);
