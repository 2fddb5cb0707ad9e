/**
 * The precision eval arithmetic keeps (harness/engine/functions/precision.ts). The Search Reference
 * states the rule on the sigfig page; how plain arithmetic applies it is shown by Splunk's
 * community wiki, an iDelta article and measured products on Splunk Answers, each cited per case.
 * Cases run under the eval page, whose "Numeric calculations" section they extend.
 */
import { docPage, ev, FUNCTIONS, on, REF } from './helpers.js';

const EVAL = REF + 'search-commands/eval';
const SIGFIG = FUNCTIONS + 'mathematical-functions';
const BADMATH = 'https://wiki.splunk.com/Community:BadMath';
const IDELTA = 'https://idelta.co.uk/getting-it-right-with-splunk/';
const ANSWERS = 'Splunk Answers, "Why is Splunk sometimes rounding to the next integer?" (2015, measured products)';

docPage(EVAL, [
  // Multiplication: the fewest significant figures of the operands.
  ev(`${BADMATH}: "div_a_b = 3 / 2 = 1.5" but "times_a_c = 3 * 0.5 = 2"`, 'a = 3, b = 2, c = 0.5 | eval div_a_b = a / b, times_a_c = a * c', {
    div_a_b: '1.5',
    times_a_c: '2',
  }),
  ev(`${BADMATH}: "((a*c)*b)" is not the 3 a calculator gives: each product is rounded before the next`, 'a = 3, b = 2, c = 0.5 | eval n = (a * c) * b', {
    n: '4',
  }),
  ev(`${BADMATH}: wrapped in exact(), the multiplication is the "actual math you asked it to do"`, 'a = 3, c = 0.5 | eval n = exact(a * c)', { n: '1.5' }),
  ev(`${IDELTA}: 0.014 * 0.23 is 0.0032, two figures, each operand assigned by its own eval`, 'x1 = 0.014 | eval x2 = 0.23 | eval x3 = x1*x2', {
    x3: '0.0032',
  }),
  ev(`${IDELTA}: 0.014 * 0.230 is still 0.0032: 0.014 has two figures`, 'x1 = 0.014 | eval x2 = 0.230 | eval x3 = x1*x2', { x3: '0.0032' }),
  ev(`${IDELTA}: 0.0140 * 0.230 is 0.00322, three figures`, 'x1 = 0.0140 | eval x2 = 0.230 | eval x3 = x1*x2', {
    x1: '0.0140',
    x2: '0.230',
    x3: '0.00322',
  }),
  ev(`${ANSWERS}: 1*0.9 = 0.9, 2*0.9 = 2, 2*0.90 = 1.8`, 'a=1*0.9, b=2*0.9, c=2*0.90', { a: '0.9', b: '2', c: '1.8' }),
  ev(
    `${ANSWERS}: 2*0.99 is "rounded to two significant digits"`,
    'a=2*0.99',
    { a: '2.0' },
    'The answer prints "2" but calls it two significant digits; the engine prints the decimals the precision keeps, as 8.250*exact(0.2) is 1.650 (issue 14).',
  ),
  ev(`${ANSWERS}: an integer is exact: 2.1000*1024 = 2150.4 keeps the five figures of 2.1000`, 'a=2.1000*1024, b=2.0*1024, c=2.2*1024', {
    a: '2150.4',
    b: '2048',
    c: '2253',
  }),
  ev(
    `${ANSWERS}: the rounding never removes integer digits: 2.1*1024 = 2150, 1000*0.9 = 900, 1100*0.9 = 990`,
    'a=2.1*1024, b=2.10*1024, c=2.100*1024, d=1000*0.9, e=1100*0.9',
    { a: '2150', b: '2150', c: '2150', d: '900', e: '990' },
  ),
  ev(
    `${ANSWERS}: 2.1*1024.0 = 2150, 2.1*1024.1 = 2151, 2.10000*1024.1 = 2150.6, 2.10000*1024.10 = 2150.61`,
    'a=2.1*1024.0, b=2.1*1024.1, c=2.10000*1024.1, d=2.10000*1024.10, e=2.100000000*1024.1',
    {
      a: '2150',
      b: '2151',
      c: '2150.6',
      d: '2150.61',
      e: '2150.6',
    },
  ),
  ev(`${SIGFIG}, sigfig: "1.00*1111 = 1111": plain arithmetic keeps the integer digits; sigfig() rounds them`, 'plain=1.00*1111, n=sigfig(1.00*1111)', {
    plain: '1111',
    n: '1110',
  }),
  // exact() as an operand, and the examples.
  ev('issue 14: 8.250*0.2 gives 2, 8.250*0.20 gives 1.7, 8.250*exact(0.2) gives 1.650', 'a=8.250*0.2, b=8.250*0.20, c=8.250*exact(0.2)', {
    a: '2',
    b: '1.7',
    c: '1.650',
  }),
  // Division: not determined by the sources beyond integers.
  ev(
    `${BADMATH}: 3 / 2 is 1.5; a quotient of decimals keeps the fewest figures, as a product does`,
    'a=3/2, b=10.0/3, c=1/8, d=7.5/2.5',
    { a: '1.5', b: '3.33', c: '0.125', d: '3.0' },
    'The sources show division only on integers (exact, so 1.5). For decimal operands the engine follows the sigfig page, which puts division with multiplication ("For multiplication and division, the result should have the minimum number of significant figures"), and the same printing rule as products.',
  ),
  // Addition and subtraction: decimal places.
  ev(
    `${SIGFIG}, sigfig: "For addition and subtraction, the result should have the same number of decimal places as the least precise number"`,
    'a=0.1+0.2, b=1.25+2.1, c=10.55-0.3, d=1.5+1, e=1.10+2.20, f=exact(0.1+0.2)',
    { a: '0.3', b: '3.4', c: '10.3', d: '2.5', e: '3.30', f: '0.30000000000000004' },
    "No source shows plain addition of decimals; the engine follows the sigfig page's rule for sums (an integer operand is exact, as it is in products), which also keeps binary artefacts such as 0.30000000000000004 out of the output.",
  ),
  ev(
    'modulo keeps the fewest decimals of its operands, as a sum does',
    'a=5.5%2, b=7.25%0.5',
    { a: '1.5', b: '0.3' },
    'No source shows % on decimals; the remainder is a difference of its operands, so the sum rule applies (0.25 keeps the one decimal of 0.5).',
  ),
  // Values read from events: their text states their precision.
  on(
    `${IDELTA}: a value's precision is its text, so a field read from an event ("0.230") keeps its three figures`,
    [{ price: '0.230', qty: '0.0140', n: '3' }],
    '| eval a=price*qty, b=price*n, c=price*2.0',
    [{ a: '0.00322', b: '0.690', c: '0.46' }],
  ),
  on(
    `${ANSWERS}: "the format of x influences the rounding": a field rounded first has fewer figures for a later product`,
    [{ x: '0.123456' }],
    '| eval r=round(x, 2) | eval a=x*3, b=r*3',
    [{ a: '0.370368', b: '0.36' }],
    'The answer gives no numbers; the case shows the mechanism it describes: the product reads the figures of the text each field holds (0.123456: six, 0.12: two; 3 is exact).',
  ),
  ev('a negative literal keeps its decimals; typeof and isnum see a number', 'a=-0.50, b=typeof(-0.50), c=if(isnum(1.50), "y", "n"), d=1.50 * 2', {
    a: '-0.50',
    b: 'Number',
    c: 'y',
    d: '3.00',
  }),
  ev('a number kept as text compares as a number', 'a=1.50 | where a > 1.4 AND a < 1.6 AND a = 1.5 | eval ok="y"', { ok: 'y' }),
  // Function results are exact.
  ev(
    'a function result is exact: round(), tonumber() and the statistical functions add no limit',
    'a=round(2.555, 2)*3, b=tonumber("0.5")*3, c=avg(1, 2)*3',
    { a: '7.68', b: '1.5', c: '4.5' },
    'No source gives the precision of a function result; the engine counts it exact (as sigfig() does), reading precision only from literals and field values.',
  ),
]);
