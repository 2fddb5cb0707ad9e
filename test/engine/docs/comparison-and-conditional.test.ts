/** Search Reference, "Comparison and Conditional functions". */
import { docPage, ev, FUNCTIONS, on } from './helpers.js';

const PAGE = FUNCTIONS + 'comparison-and-conditional-functions';
const statuses = [{ status: '200' }, { status: '404' }, { status: '500' }, { status: '302' }];

docPage(PAGE, [
  on(
    'case(): "returns the first <value> for which <condition> evaluates to TRUE"; example description=case(status == 200, "OK", status ==404, "Not found", status == 500, "Internal Server Error")',
    statuses,
    '| eval description=case(status == 200, "OK", status ==404, "Not found", status == 500, "Internal Server Error")',
    [{ description: 'OK' }, { description: 'Not found' }, { description: 'Internal Server Error' }, { description: null }],
  ),
  on(
    'case(): "If no <condition> is TRUE, returns NULL" unless a default is given with true()',
    statuses,
    '| eval description=case(status == 200, "OK", true(), "Other")',
    [{ description: 'OK' }, { description: 'Other' }, { description: 'Other' }, { description: 'Other' }],
  ),
  ev(
    'cidrmatch(): the example subnet="192.0.2.0/24", ip="192.0.3.0" gives "no match"',
    'subnet="192.0.2.0/24", ip="192.0.3.0" | eval match = if(cidrmatch(subnet, ip), "match", "no match")',
    { match: 'no match' },
  ),
  ev(
    'cidrmatch(): an address inside the subnet matches (192.0.2.56 in 192.0.2.0/24)',
    'subnet="192.0.2.0/24", ip="192.0.2.56" | eval match = if(cidrmatch(subnet, ip), "match", "no match")',
    { match: 'match' },
  ),
  ev(
    'cidrmatch(): "isLocal" example: if(cidrmatch("123.132.32.0/25",ip), "local", "not local")',
    'ip="123.132.32.127" | eval isLocal=if(cidrmatch("123.132.32.0/25",ip), "local", "not local")',
    { isLocal: 'local' },
  ),
  ev(
    'cidrmatch(): 123.132.32.128 lies outside 123.132.32.0/25',
    'ip="123.132.32.128" | eval isLocal=if(cidrmatch("123.132.32.0/25",ip), "local", "not local")',
    { isLocal: 'not local' },
  ),
  ev('cidrmatch(): "You can use cidrmatch with IPv6 addresses"', 'r=if(cidrmatch("2001:0db8::/32", "2001:db8:ffff::99"), "in", "out")', { r: 'in' }),
  on(
    'coalesce(): "returns the first value that is not NULL"; example ip=coalesce(clientip,ipaddress)',
    [{ clientip: '10.0.0.1' }, { ipaddress: '10.0.0.2' }, { _raw: 'neither' }],
    '| eval ip=coalesce(clientip,ipaddress)',
    [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: null }],
  ),
  ev('coalesce(): an empty string is a value, not NULL', 'a="", b="x" | eval r=coalesce(a, b)', { r: '' }),
  ev('false(): "Returns FALSE"', 'r=if(false(), "yes", "no")', { r: 'no' }),
  ev('true(): "Returns TRUE"', 'r=if(true(), "yes", "no")', { r: 'yes' }),
  on('if(): example err=if(error == 200, "OK", "Error")', [{ error: '200' }, { error: '404' }], '| eval err=if(error == 200, "OK", "Error")', [
    { err: 'OK' },
    { err: 'Error' },
  ]),
  on('if(): a null predicate takes the false branch', [{ _raw: 'no error field' }], '| eval err=if(error == 200, "OK", "Error")', [{ err: 'Error' }]),
  on(
    'in(): example error=if(in(status, "error", "failure", "severe"),"true","false")',
    [{ status: 'failure' }, { status: 'ok' }],
    '| eval error=if(in(status, "error", "failure", "severe"),"true","false")',
    [{ error: 'true' }, { error: 'false' }],
  ),
  on(
    'in(): in a where clause, where in(status, "400", "401", "403", "404")',
    [{ status: '401' }, { status: '200' }, { status: '404' }],
    '| where in(status, "400", "401", "403", "404")',
    [{ status: '401' }, { status: '404' }],
  ),
  on(
    'like(): example is_a_foo=if(like(field, "foo%"), "yes a foo", "not a foo")',
    [{ field: 'football' }, { field: 'a foo' }],
    '| eval is_a_foo=if(like(field, "foo%"), "yes a foo", "not a foo")',
    [{ is_a_foo: 'yes a foo' }, { is_a_foo: 'not a foo' }],
  ),
  on(
    'like(): "_" matches one character: where like(ipaddress, "198.%")',
    [{ ipaddress: '198.51.100.7' }, { ipaddress: '10.198.1.1' }],
    '| where like(ipaddress, "198.%")',
    [{ ipaddress: '198.51.100.7' }],
  ),
  ev('like(): the underscore is a single-character wildcard', 'r=if(like("abc", "a_c"), 1, 0), s=if(like("abbc", "a_c"), 1, 0)', { r: '1', s: '0' }),
  on(
    String.raw`match(): example matches = if(match(ipaddress,"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$"), 1, 0)`,
    [{ ipaddress: '192.0.2.10' }, { ipaddress: 'host.example' }],
    String.raw`| eval matches = if(match(ipaddress,"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$"), 1, 0)`,
    [{ matches: '1' }, { matches: '0' }],
  ),
  ev('match(): "returns TRUE if the regex finds a match ... anywhere" (not anchored)', 'r=if(match("xxabcxx", "abc"), "y", "n")', { r: 'y' }),
  ev('null(): "returns NULL"; assigning it leaves the field out', 'n=null()', { n: null }),
  on(
    'nullif(): "returns NULL if fieldA equals fieldB, otherwise returns fieldA"',
    [
      { fieldA: 'x', fieldB: 'x' },
      { fieldA: 'x', fieldB: 'y' },
    ],
    '| eval result=nullif(fieldA,fieldB)',
    [{ result: null }, { result: 'x' }],
  ),
  {
    says: 'searchmatch(): the example with _raw "x=hi y=bye" and searchmatch("x=hi y=*") gives yes',
    note: 'The page writes `makeresults 1`; the positional count is a makeresults parser gap outside this suite, so the case writes count=1.',
    spl: '| makeresults count=1 | eval _raw = "x=hi y=bye" | eval x="hi" | eval y="bye" | eval test=if(searchmatch("x=hi y=*"), "yes", "no") | table _raw test x y',
    rows: [{ test: 'yes', x: 'hi', y: 'bye' }],
  },
  on(
    'validate(): example with port: returns the string of the first condition that is FALSE',
    [{ port: '80' }, { port: 'abc' }, { port: '70000' }],
    '| eval n=validate(isint(port), "ERROR: Port is not an integer", port >= 1 AND port <= 65535, "ERROR: Port is out of range")',
    [{ n: null }, { n: 'ERROR: Port is not an integer' }, { n: 'ERROR: Port is out of range' }],
  ),
]);
