/** Search Reference, "Informational functions". */
import { docPage, ev, FUNCTIONS, on } from './helpers.js';

const PAGE = FUNCTIONS + 'informational-functions';

docPage(PAGE, [
  ev('isarray(): "The following search returns True because [1, 2, 3] is an array"', 'result = if(isarray("[1, 2, 3]"), "True", "False")', { result: 'True' }),
  ev('isarray(): "The result of the following search is False because 1 is not an array"', 'result = if(isarray(1), "True", "False")', { result: 'False' }),
  ev(
    'isbool(): "Use this function with other functions that return Boolean data types, such as cidrmatch"',
    'r=if(isbool(cidrmatch("10.0.0.0/8", "10.1.1.1")), "yes", "no")',
    { r: 'yes' },
  ),
  ev(
    'isbool(): "This function cannot be used to determine if field values are "true" or "false" because field values are either string or number data types"',
    'f="true" | eval r=if(isbool(f), "yes", "no")',
    { r: 'no' },
  ),
  ev('isdouble(): "evaluates whether the value is a double"; 2.5 is, 2 is not', 'a=if(isdouble(2.5), "True", "False"), b=if(isdouble(2), "True", "False")', {
    a: 'True',
    b: 'False',
  }),
  on(
    'isint(): example n=if(isint(field),"int", "not int")',
    [{ field: '42' }, { field: '4.2' }, { field: 'x' }],
    '| eval n=if(isint(field),"int", "not int")',
    [{ n: 'int' }, { n: 'not int' }, { n: 'not int' }],
  ),
  on('isint(): used in a where clause: where isint(field)', [{ field: '42' }, { field: 'abc' }], '| where isint(field)', [{ field: '42' }]),
  ev('ismv(): "evaluates whether the value is a multivalue field"', 'a=if(ismv(split("a,b", ",")), "True", "False"), b=if(ismv("a"), "True", "False")', {
    a: 'True',
    b: 'False',
  }),
  on('isnotnull(): example n=if(isnotnull(field),"yes","no")', [{ field: 'x' }, { other: 'y' }], '| eval n=if(isnotnull(field),"yes","no")', [
    { n: 'yes' },
    { n: 'no' },
  ]),
  on('isnull(): example n=if(isnull(field),"yes","no")', [{ field: 'x' }, { other: 'y' }], '| eval n=if(isnull(field),"yes","no")', [
    { n: 'no' },
    { n: 'yes' },
  ]),
  on('isnum(): example n=if(isnum(field),"yes","no")', [{ field: '3.5' }, { field: 'abc' }], '| eval n=if(isnum(field),"yes","no")', [
    { n: 'yes' },
    { n: 'no' },
  ]),
  ev('isnum(): a string literal is a string even when it reads as a number', 'n=if(isnum("5"),"yes","no"), m=if(isnum(5),"yes","no")', { n: 'no', m: 'yes' }),
  ev('isobject(): "evaluates whether the value is an object"', 'a=if(isobject("{\\"a\\": 1}"), "True", "False"), b=if(isobject("[1]"), "True", "False")', {
    a: 'True',
    b: 'False',
  }),
  on('isstr(): example n=if(isstr(field),"yes","no")', [{ field: 'abc' }, { field: '12' }], '| eval n=if(isstr(field),"yes","no")', [
    { n: 'yes' },
    { n: 'no' },
  ]),
  ev(
    'typeof(): example n=typeof(12) + typeof("string") + typeof(1==2) + typeof(badfield) returns "NumberStringBooleanInvalid"',
    'n=typeof(12) + typeof("string") + typeof(1==2) + typeof(badfield)',
    { n: 'NumberStringBooleanInvalid' },
  ),
  ev('typeof(): a multivalue field is "Multivalue"', 'n=typeof(split("a,b", ","))', { n: 'Multivalue' }),
  on('typeof(): a field whose value reads as a number is a Number', [{ bytes: '1024', user: 'bob' }], '| eval a=typeof(bytes), b=typeof(user)', [
    { a: 'Number', b: 'String' },
  ]),
]);
