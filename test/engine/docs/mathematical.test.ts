/** Search Reference, "Mathematical functions" and the eval command's "Numeric calculations". */
import { docPage, ev, FUNCTIONS, on, REF } from './helpers.js';

const PAGE = FUNCTIONS + 'mathematical-functions';
const EVAL = REF + 'search-commands/eval';

docPage(PAGE, [
  on('abs(): example absnum=abs(number)', [{ number: '-10.95' }, { number: '4' }], '| eval absnum=abs(number)', [{ absnum: '10.95' }, { absnum: '4' }]),
  ev('ceiling(): "The following example returns n=2": n=ceil(1.9)', 'n=ceil(1.9)', { n: '2' }),
  ev('ceiling(): ceiling() is the full name of ceil()', 'n=ceiling(1.1), m=ceil(-1.5)', { n: '2', m: '-1' }),
  on('exact(): example n=exact(3.14 * num)', [{ num: '2' }], '| eval n=exact(3.14 * num)', [{ n: '6.28' }]),
  ev('exact(): "renders the result of a numeric expression with a larger amount of precision in the formatted output"', 'a=0.1 + 0.2, b=exact(0.1 + 0.2)', {
    a: '0.3',
    b: '0.30000000000000004',
  }),
  ev(
    'exact(): 8.250*0.2 rounds to the one figure of 0.2; exact() keeps the arithmetic unrounded and prints every digit the double holds',
    'a=8.250*0.2, b=exact(8.250*0.2), c=8.250*exact(0.2)',
    { a: '2', b: '1.6500000000000001', c: '1.650' },
    'Community:BadMath: "wrap all constructs where there could be math by decimal fractions ... in exact()" to get the unrounded result (3 * 0.5 gives 2, exact(3 * 0.5) 1.5). As an operand, exact(0.2) is exact, so the product keeps the four figures of 8.250.',
  ),
  ev('exp(): "The following example returns y=e^3"', 'y=round(exp(3), 4)', { y: '20.0855' }),
  ev('floor(): "The following example returns 1": n=floor(1.9)', 'n=floor(1.9)', { n: '1' }),
  ev('floor(): rounds down, towards minus infinity, for negative numbers', 'n=floor(-1.1)', { n: '-2' }),
  ev('ln(): natural logarithm: ln(exp(2)) is 2', 'n=ln(exp(2))', { n: '2' }),
  ev('log(): "If the second argument is not provided, this function returns the log base 10": log(100) is 2', 'n=log(100)', { n: '2' }),
  ev('log(): example num=log(number,2): the logarithm in base 2', 'number=8 | eval num=log(number,2)', { num: '3' }),
  ev('pi(): "returns the constant pi": the area example pi() * pow(radius, 2)', 'radius=1 | eval area=round(pi() * pow(radius, 2), 5)', { area: '3.14159' }),
  ev('pow(): example n=pow(2,10) returns 1024', 'n=pow(2,10)', { n: '1024' }),
  ev('round(): "The following example returns n=4": n=round(3.5)', 'n=round(3.5)', { n: '4' }),
  ev('round(): "The following example returns n=2.56": n=round(2.555, 2)', 'n=round(2.555, 2)', { n: '2.56' }),
  ev('round(): half away from zero for negative numbers', 'n=round(-3.5)', { n: '-4' }),
  ev('sigfig(): "1.00*1111 = 1111, but the following search returns n=1110": n=sigfig(1.00*1111)', 'n=sigfig(1.00*1111), plain=1.00*1111', {
    n: '1110',
    plain: '1111',
  }),
  ev('sigfig(): "123.0 + 4.567 = 127.567 ... In this example only one decimal place is returned ... the result returned is 127.6"', 'n=sigfig(123.0 + 4.567)', {
    n: '127.6',
  }),
  ev(
    'sigfig(): "For multiplication and division, the result should have the minimum number of significant figures of all of the operands"',
    'a=sigfig(8.250*0.2), b=sigfig(8.250*0.20), c=sigfig(10.0/3.00)',
    { a: '2', b: '1.7', c: '3.33' },
  ),
  ev(
    'sigfig(): "For addition and subtraction, the result should have the same number of decimal places as the least precise number"',
    'a=sigfig(1.25 + 2.1), b=sigfig(10.55 - 0.3)',
    { a: '3.4', b: '10.3' },
  ),
  on('sigfig(): a field value states its precision by its text as a literal does', [{ price: '2.50', qty: '3.0' }], '| eval total=sigfig(price*qty)', [
    { total: '7.5' },
  ]),
  ev('sqrt(): example n=sqrt(9) returns 3', 'n=sqrt(9)', { n: '3' }),
  ev('sqrt(): the square root of a negative number is not a number: null', 'n=sqrt(-1)', { n: null }),
]);

docPage(EVAL, [
  ev('eval, Numeric calculations: "Division by zero results in a null field."', 'n=1/0, m=0/0, k=5%0', { n: null, m: null, k: null }),
  ev('eval, Numeric calculations: positive and negative infinity "are represented in your results as "inf" and "-inf""', 'a=1e308*10, b=-1e308*10', {
    a: 'inf',
    b: '-inf',
  }),
  ev('eval, Numeric calculations: "If the calculation results in the floating-point special value NaN, it is represented as "nan""', 'a=1e308*10 - 1e308*10', {
    a: 'nan',
  }),
  ev('eval, Numeric calculations: NaN propagates through further arithmetic and is a number', 'a=(1e308*10 - 1e308*10) + 1, t=typeof(1e308*10 - 1e308*10)', {
    a: 'nan',
    t: 'Number',
  }),
  ev('eval, Numeric calculations: "numbers are treated as double-precision floating-point numbers"; binary artefacts are not printed', 'a=0.1*3, b=1.1+2.2', {
    a: '0.3',
    b: '3.3',
  }),
  ev('eval, Operators: "*" and "/" bind tighter than "+" and "-"', 'n=3 + 2*5 - 4/2', { n: '11' }),
  ev('eval, Operators: "%" is the modulo', 'n=17 % 5', { n: '2' }),
  on('eval example: velocity=distance/time', [{ distance: '100', time: '8' }], '| eval velocity=distance/time', [{ velocity: '12.5' }]),
  on(
    'eval example: sum_of_areas = pi() * pow(radius_a, 2) + pi() * pow(radius_b, 2)',
    [{ radius_a: '1', radius_b: '2' }],
    '| eval sum_of_areas = round(pi() * pow(radius_a, 2) + pi() * pow(radius_b, 2), 4)',
    [{ sum_of_areas: '15.708' }],
  ),
]);
