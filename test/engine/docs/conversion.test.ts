/** Search Reference, "Conversion functions". */
import { docPage, ev, FUNCTIONS, on } from './helpers.js';

const PAGE = FUNCTIONS + 'conversion-functions';

docPage(PAGE, [
  ev('ipmask(): example ipmask("255.255.255.0", "10.20.30.120") returns 10.20.30.0', 'maskedIP = ipmask("255.255.255.0", "10.20.30.120")', {
    maskedIP: '10.20.30.0',
  }),
  ev(
    'ipmask(): the mask applies octet by octet: ipmask("0.255.0.244", "10.20.30.120") returns 0.20.0.112',
    'maskedIP = ipmask("0.255.0.244", "10.20.30.120")',
    { maskedIP: '0.20.0.112' },
  ),
  ev('printf(): "%d" and "%i" print a signed decimal integer', 'a=printf("%d", 42), b=printf("%i", -7)', { a: '42', b: '-7' }),
  ev('printf(): "%u" unsigned decimal, "%o" octal, "%x"/"%X" hexadecimal', 'a=printf("%u", 42), b=printf("%o", 8), c=printf("%x", 255), d=printf("%X", 255)', {
    a: '42',
    b: '10',
    c: 'ff',
    d: 'FF',
  }),
  ev('printf(): "%p" is an alias of "%x"', 'a=printf("%p", 255)', { a: 'ff' }),
  ev(
    'printf(): "%f" and "%F" print a decimal floating point, 6 decimals by default',
    'a=printf("%f", 3.14159), b=printf("%.2f", 3.14159), c=printf("%F", 1.5)',
    { a: '3.141590', b: '3.14', c: '1.500000' },
  ),
  ev('printf(): "%e"/"%E" print exponent form with at least two exponent digits', 'a=printf("%e", 1000), b=printf("%.2E", 0.000123)', {
    a: '1.000000e+03',
    b: '1.23E-04',
  }),
  ev(
    'printf(): "%g" uses %f form for ordinary magnitudes and drops trailing zeros',
    'a=printf("%g", 100000), b=printf("%g", 3.14159), c=printf("%g", 0.0001)',
    { a: '100000', b: '3.14159', c: '0.0001' },
  ),
  ev(
    'printf(): "%g" switches to exponent form when the exponent is below -4 or at least the precision',
    'a=printf("%g", 1000000), b=printf("%g", 0.00001234), c=printf("%.3G", 12345)',
    { a: '1e+06', b: '1.234e-05', c: '1.23E+04' },
  ),
  ev('printf(): the "#" flag keeps the trailing zeros of %g', 'a=printf("%#g", 1.5)', { a: '1.50000' }),
  ev('printf(): "%a"/"%A" print a hexadecimal floating point number', 'a=printf("%a", 1), b=printf("%A", 3), c=printf("%a", 0.5), d=printf("%.1a", 1.75)', {
    a: '0x1p+0',
    b: '0X1.8P+1',
    c: '0x1p-1',
    d: '0x1.cp+0',
  }),
  ev(
    'printf(): "%c" prints one character, "%s" a string; a precision cuts the string',
    'a=printf("%c", "hello"), b=printf("%s", "Splunk"), c=printf("%.3s", "Splunk")',
    { a: 'h', b: 'Splunk', c: 'Spl' },
  ),
  ev('printf(): "%%" prints a percent sign', 'a=printf("100%%")', { a: '100%' }),
  ev('printf(): the length modifiers of C (h l ll L z j t) are accepted and ignored', 'a=printf("%zd|%ld|%lld|%hd", 1, 2, 3, 4)', { a: '1|2|3|4' }),
  ev('printf(): width pads on the left; the "-" flag pads on the right', 'a=printf("[%5d]", 42), b=printf("[%-5d]", 42), c=printf("[%6s]", "abc")', {
    a: '[   42]',
    b: '[42   ]',
    c: '[   abc]',
  }),
  ev('printf(): the "0" flag pads with zeros after the sign', 'a=printf("%05d", 42), b=printf("%05d", -42), c=printf("%08.3f", 3.14159)', {
    a: '00042',
    b: '-0042',
    c: '0003.142',
  }),
  ev(
    'printf(): the "+" flag always prints a sign; the space flag prints a space for positive numbers',
    'a=printf("%+d", 5), b=printf("% d", 5), c=printf("%+d", -5)',
    { a: '+5', b: ' 5', c: '-5' },
  ),
  ev('printf(): the "#" flag adds 0x to hexadecimal and 0 to octal', 'a=printf("%#x", 255), b=printf("%#o", 8), c=printf("%#X", 255)', {
    a: '0xff',
    b: '010',
    c: '0XFF',
  }),
  ev('printf(): the "\'" flag separates thousands', `a=printf("%'d", 12345678), b=printf("%'.2f", 1234567.891)`, { a: '12,345,678', b: '1,234,567.89' }),
  ev('printf(): "*" takes the width and the precision from the arguments', 'a=printf("[%*d]", 5, 42), b=printf("%.*f", 2, 3.14159)', {
    a: '[   42]',
    b: '3.14',
  }),
  ev('printf(): several conversions in one format, arguments in order', 'a=printf("%s is %d years", "Splunk", 20)', { a: 'Splunk is 20 years' }),
  ev('tonumber(): example n=tonumber("0A4",16) sets n to 164', 'n=tonumber("0A4",16)', { n: '164' }),
  ev('tonumber(): base 2 and base 10 (the default)', 'a=tonumber("1001", 2), b=tonumber("123")', { a: '9', b: '123' }),
  ev(
    'tonumber(): "If the tonumber function cannot parse a field value to a number, for example if the value contains a leading and trailing space, the function returns NULL"',
    'a=tonumber(" 5"), b=tonumber("5 "), c=tonumber("abc")',
    { a: null, b: null, c: null },
  ),
  ev('tonumber(): "Use the trim function to remove leading or trailing spaces": n=tonumber(trim(celsius))', 'celsius=" 21 " | eval n=tonumber(trim(celsius))', {
    n: '21',
  }),
  ev('tostring(): example tostring(1==1) returns "True"', 'n=tostring(1==1), m=tostring(1==2)', { n: 'True', m: 'False' }),
  ev('tostring(): example foo=615, tostring(foo, "duration") returns "00:10:15"', 'foo=615 | eval foo2 = tostring(foo, "duration")', { foo2: '00:10:15' }),
  ev('tostring(): "duration" gives days as D+HH:MM:SS beyond a day', 'd = tostring(90061, "duration")', { d: '1+01:01:01' }),
  ev('tostring(): "commas" formats with commas and, for a fraction, two decimals: 12345.6789 returns 12,345.68', 'c = tostring(12345.6789, "commas")', {
    c: '12,345.68',
  }),
  ev('tostring(): "commas" on an integer prints no decimals', 'c = tostring(1234567, "commas")', { c: '1,234,567' }),
  ev('tostring(): "hex" converts to hexadecimal: tostring(15,"hex") returns 0xF', 'h = tostring(15, "hex")', { h: '0xF' }),
  ev('tostring(): "binary" converts to binary: tostring(9,"binary") returns 1001', 'b = tostring(9, "binary"), c = tostring(12, "binary")', {
    b: '1001',
    c: '1100',
  }),
  ev(
    'tostring(): without a format, a number is printed as eval prints it',
    's = tostring(3.50)',
    { s: '3.50' },
    'The literal 3.50 states three significant figures and eval keeps its text (iDelta, "Getting it Right with Splunk": 0.230 assigned alone keeps its three figures for a later product), so its text is 3.50.',
  ),
  ev('toint(): converts a number or numeric string to an integer (the fraction is dropped)', 'a=toint(3.9), b=toint("42"), c=toint("x")', {
    a: '3',
    b: '42',
    c: null,
  }),
  ev('todouble(): converts numeric text to a double', 'a=todouble("2.5") + 1', { a: '3.5' }),
  ev('tobool(): "true"/"false" and numbers to a Boolean, usable in if()', 'a=if(tobool("true"), "t", "f"), b=if(tobool(0), "t", "f")', { a: 't', b: 'f' }),
  ev('tomv(): a JSON array becomes a multivalue field', 'a=tomv("[\\"x\\", \\"y\\", 3]")', { a: ['x', 'y', '3'] }),
  ev('toarray(): a multivalue field becomes a JSON array', 'a=toarray(split("x,y", ","))', { a: '["x","y"]' }),
  ev('toobject(): JSON object text becomes an object', 'a=toobject("{ \\"k\\": 1 }")', { a: '{"k":1}' }),
  on('printf(): a field value as argument', [{ bytes: '1536' }], '| eval kb=printf("%.1f KB", bytes/1024)', [{ kb: '1.5 KB' }]),
]);
