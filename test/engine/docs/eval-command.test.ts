/** Search Reference, "eval" (command): operators, strings and numbers, field names. */
import { docPage, ev, on, REF } from './helpers.js';

const PAGE = REF + 'search-commands/eval';
const WHERE = REF + 'search-commands/where';

docPage(PAGE, [
  on('eval: "Use the value of one field as the name for a new field": eval {aName}=aValue', [{ aName: 'counter', aValue: '1234' }], '| eval {aName}=aValue', [
    { counter: '1234' },
  ]),
  on('eval: a dynamic name may be part of a longer name', [{ host: 'web1', bytes: '10' }], '| eval bytes_{host}=bytes', [{ bytes_web1: '10' }]),
  on('eval example: full_name = first_name." ".last_name', [{ first_name: 'Ada', last_name: 'Lovelace' }], '| eval full_name = first_name." ".last_name', [
    { full_name: 'Ada Lovelace' },
  ]),
  ev('eval, Operators: "+" adds numbers and concatenates strings', 'a=1 + 2, b="ab" + "cd"', { a: '3', b: 'abcd' }),
  ev(
    'eval, Operators: "." concatenates, numbers as their text',
    'a=1 . 2, b="v" . 1.50',
    { a: '12', b: 'v1.50' },
    'The text of the literal 1.50 keeps the decimals it states (see the precision cases, test/engine/docs/precision.test.ts).',
  ),
  ev('eval, Operators: "-", "*", "/" need numbers; a string operand gives null', 'a="x" - 1, b="x" * 2', { a: null, b: null }),
  on('eval: a field whose value reads as a number takes part in arithmetic', [{ a: '10', b: '2.5' }], '| eval c=a*b, d=a+b', [{ c: '25', d: '12.5' }]),
  ev('eval: "You can chain multiple eval expressions ... later expressions can reference fields from earlier ones"', 'x=2, y=x*3, z=y+1', {
    x: '2',
    y: '6',
    z: '7',
  }),
  on(
    'eval: "If the field name that you specify matches a field name that already exists ... the values in that field are replaced"',
    [{ n: '1' }],
    '| eval n=n+1',
    [{ n: '2' }],
  ),
  on('eval: a null result removes the field', [{ n: '1' }], '| eval n=null()', [{ n: null }]),
  ev('eval, Operators: comparisons of two numbers are numeric', 'r=if(10 < 9, "yes", "no")', { r: 'no' }),
  ev(
    'eval, Operators: two string literals compare as strings, even when they read as numbers',
    'r=if("10" < "9", "yes", "no"), s=if("abc" < "abd", "yes", "no")',
    { r: 'yes', s: 'yes' },
  ),
  ev('eval, Operators: "=" and "==" compare case-sensitively', 'a=if("Admin" == "admin", "same", "different"), b=if("x" = "x", "same", "different")', {
    a: 'different',
    b: 'same',
  }),
  ev('eval, Operators: "!=" is the negation of "="', 'a=if("a" != "b", "yes", "no")', { a: 'yes' }),
  ev('eval, Operators: LIKE with "%" and "_"', 'a=if("splunk" LIKE "spl%", "yes", "no")', { a: 'yes' }),
  ev('eval, Operators: AND binds tighter than OR', 'a=if(1==1 OR 1==2 AND 1==2, "yes", "no")', { a: 'yes' }),
  ev('eval, Operators: NOT negates a predicate', 'a=if(NOT 1==2, "yes", "no")', { a: 'yes' }),
  on(
    'eval, Operators: "IN" tests membership: eval x=if(status IN ("400", "404"), ...)',
    [{ status: '404' }, { status: '200' }],
    '| eval x=if(status IN ("400", "404"), "client error", "other")',
    [{ x: 'client error' }, { x: 'other' }],
  ),
  ev(
    'eval, Numeric calculations: no binary artefact is printed; a product keeps the figures of its least precise operand, a sum its decimals',
    'a=8.250*0.2, b=0.1+0.2, c=1.1*1.1',
    { a: '2', b: '0.3', c: '1.2' },
    "Products round to the fewest significant figures of their operands (Community:BadMath: 3 * 0.5 gives 2; iDelta: 0.014*0.23 gives 0.0032); sums to the fewest decimals (the sigfig page's rule for addition). See test/engine/docs/precision.test.ts.",
  ),
  ev(
    'eval: a literal keeps the decimals its text states',
    'a=1.50, b=100.0',
    { a: '1.50', b: '100.0' },
    'iDelta, "Getting it Right with Splunk": x2 = 0.230 assigned by its own eval still gives 0.0140*0.230 = 0.00322, so the field keeps the text 0.230 (three figures), not 0.23.',
  ),
]);

docPage(WHERE, [
  on('where: "The where command uses eval expressions to filter search results"', [{ a: '5' }, { a: '12' }], '| where a > 10', [{ a: '12' }]),
  on('where: the eval "=" is case-sensitive, unlike search', [{ user: 'Admin' }, { user: 'admin' }], '| where user="admin"', [{ user: 'admin' }]),
  on('where: like() with "%": where like(src, "10.9.165.%")', [{ src: '10.9.165.8' }, { src: '10.9.166.1' }], '| where like(src, "10.9.165.%")', [
    { src: '10.9.165.8' },
  ]),
  on(
    'where: compares two fields: where a > b',
    [
      { a: '3', b: '20' },
      { a: '30', b: '20' },
    ],
    '| where a > b',
    [{ a: '30' }],
  ),
  on('where: a missing field makes the comparison false; NOT of it true', [{ _raw: 'x' }, { f: 'a' }], '| where NOT f="a"', [{ f: null }]),
  ev('where: two string literals compare as strings', 'x=1 | where "10" < "9"', { x: '1' }),
]);
