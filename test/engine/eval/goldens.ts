/**
 * Golden cases for every eval function: an event, an expression, the expected value, and the
 * Splunk documentation page (Search Reference, the function's category page) with the sentence
 * or example followed. Quoted text is the documentation's wording or a close paraphrase of it;
 * examples are the documented ones where the page gives one. Predicates given null are FALSE
 * (Search Manual, "Predicate expressions": "A predicate expression, when evaluated, returns
 * either TRUE or FALSE.").
 * Every function with arguments has at least one null case and one multivalue case; the
 * registry test checks that every registered function appears here.
 */
import type { Event } from '../../../harness/engine/types.js';
import type { EvalValue } from '../../../harness/engine/eval.js';

export type CaseKind = 'basic' | 'null' | 'mv';

export interface GoldenCase {
  kind: CaseKind;
  expr: string;
  event?: Event;
  expected: EvalValue;
}

export interface FunctionGolden {
  fn: string;
  doc: string;
  cases: GoldenCase[];
}

const b = (expr: string, expected: EvalValue, event?: Event): GoldenCase => ({ kind: 'basic', expr, expected, event });
const n = (expr: string, expected: EvalValue, event: Event = {}): GoldenCase => ({ kind: 'null', expr, expected, event });
const m = (expr: string, expected: EvalValue, event: Event): GoldenCase => ({ kind: 'mv', expr, expected, event });

const MV = { mv: ['Alpha', 'beta', 'Gamma'] };
const IP_MV = { ip: ['8.8.8.8', '10.1.2.3'] };

export const FUNCTION_GOLDENS: FunctionGolden[] = [
  // ---------------------------------------------------------------- Comparison and Conditional functions
  {
    fn: 'if',
    doc: 'Comparison and Conditional functions, if(): "If <predicate> evaluates to TRUE, returns <true_value>, otherwise returns <false_value>"; example if(error==200, "OK", "Error").',
    cases: [
      b('if(error==200, "OK", "Error")', 'OK', { error: '200' }),
      b('if(error==200, "OK", "Error")', 'Error', { error: '404' }),
      n('if(error==200, "OK", "Error")', 'Error'),
      m('if(error==404, "has 404", "no")', 'has 404', { error: ['200', '404'] }),
    ],
  },
  {
    fn: 'case',
    doc: 'Comparison and Conditional functions, case(): "returns the first <value> for which <condition> evaluates to TRUE ... If no <condition> is TRUE, returns NULL"; the docs use true() as a default branch.',
    cases: [
      b('case(error==404, "Not found", error==500, "Internal Server Error", error==200, "OK")', 'Internal Server Error', { error: 500 }),
      b('case(error==404, "Not found", error==500, "Internal Server Error")', null, { error: 302 }),
      b('case(x==1, "one", true(), "other")', 'other', { x: 2 }),
      n('case(error==404, "Not found", true(), "default")', 'default'),
      m('case(error==404, "Not found", true(), "default")', 'Not found', { error: ['404', '200'] }),
    ],
  },
  {
    fn: 'coalesce',
    doc: 'Comparison and Conditional functions, coalesce(): "returns the first value that is not NULL"; example coalesce(null(), "Returned value", null()).',
    cases: [
      b('coalesce(null(), "Returned value", null())', 'Returned value'),
      n('coalesce(user, src_user, "unknown")', 'unknown'),
      b('coalesce(user, src_user)', 'bob', { src_user: 'bob' }),
      m('coalesce(user, "x")', ['a', 'b'], { user: ['a', 'b'] }),
    ],
  },
  {
    fn: 'in',
    doc: 'Comparison and Conditional functions, in(): "returns TRUE if one of the values in the list matches a value that you specify"; example if(in(status, "404","500","503"),"true","false").',
    cases: [
      b('if(in(status, "404","500","503"),"true","false")', 'true', { status: '500' }),
      b('in(status, "404","500")', false, { status: '200' }),
      b('in(status, 404, 500)', true, { status: '404' }),
      n('in(status, "404")', false),
      m('in(status, "503")', true, { status: ['200', '503'] }),
    ],
  },
  {
    fn: 'like',
    doc: 'Comparison and Conditional functions, like(): "Returns TRUE if the string value matches the pattern" — "%" matches multiple characters, "_" a single one; example like(field, "addr%"). Case-sensitive like every eval expression ("where": "The <eval-expression> is case-sensitive.").',
    cases: [
      b('like(field, "addr%")', true, { field: 'address' }),
      b('like(field, "addr%")', false, { field: 'email' }),
      b('like(f, "a_c")', true, { f: 'abc' }),
      b('like(f, "100\\%")', true, { f: '100%' }),
      b('like(f, "100\\%")', false, { f: '1000' }),
      n('like(field, "%")', false),
      m('like(mv, "%amm%")', true, MV),
    ],
  },
  {
    fn: 'match',
    doc: 'Comparison and Conditional functions, match(): "returns TRUE if the regular expression <regex> finds a match against any substring of the string value"; example match(field, "^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$").',
    cases: [
      b('match(field, "^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$")', true, { field: '10.0.0.1' }),
      b('match(field, "^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$")', false, { field: 'host' }),
      b('match(process, "powershell")', true, { process: 'C:\\Windows\\powershell.exe -enc' }),
      b('match(process, "(?i)POWERSHELL")', true, { process: 'powershell.exe' }),
      b('match(process, "POWERSHELL")', false, { process: 'powershell.exe' }),
      n('match(process, "x")', false),
      m('match(mv, "^G")', true, MV),
    ],
  },
  {
    fn: 'cidrmatch',
    doc: 'Comparison and Conditional functions, cidrmatch(): "Returns TRUE or FALSE based on whether an IP address matches a CIDR notation"; example cidrmatch("123.132.32.0/25", ip); IPv6 is supported.',
    cases: [
      b('cidrmatch("123.132.32.0/25", ip)', true, { ip: '123.132.32.5' }),
      b('cidrmatch("123.132.32.0/25", ip)', false, { ip: '123.132.32.200' }),
      b('cidrmatch("2001:db8::/32", ip)', true, { ip: '2001:db8:0:1::5' }),
      b('cidrmatch("10.0.0.0/8", ip)', false, { ip: 'not-an-ip' }),
      n('cidrmatch("10.0.0.0/8", ip)', false),
      m('cidrmatch("10.0.0.0/8", ip)', true, IP_MV),
    ],
  },
  {
    fn: 'nullif',
    doc: 'Comparison and Conditional functions, nullif(): "Compares the values in two fields and returns NULL if the value in <field1> is equal to the value in <field2>. Otherwise returns the value in <field1>."',
    cases: [
      b('nullif(fieldA, fieldB)', null, { fieldA: 'x', fieldB: 'x' }),
      b('nullif(fieldA, fieldB)', 'x', { fieldA: 'x', fieldB: 'y' }),
      n('nullif(fieldA, "y")', null),
      m('nullif(fieldA, "y")', ['a', 'b'], { fieldA: ['a', 'b'] }),
    ],
  },
  {
    fn: 'validate',
    doc: 'Comparison and Conditional functions, validate(): "returns the corresponding <value> for the first <condition> that evaluates to FALSE ... if all conditions are TRUE, returns NULL"; example with isint(port) and a port range.',
    cases: [
      b('validate(isint(port), "ERROR: Port is not an integer", port >= 1 AND port <= 65535, "ERROR: Port is out of range")', 'ERROR: Port is out of range', {
        port: '70000',
      }),
      b('validate(isint(port), "ERROR: Port is not an integer", port >= 1 AND port <= 65535, "ERROR: Port is out of range")', 'ERROR: Port is not an integer', {
        port: 'http',
      }),
      b('validate(isint(port), "bad")', null, { port: '443' }),
      n('validate(isint(port), "ERROR: Port is not an integer")', 'ERROR: Port is not an integer'),
      m('validate(isint(port), "not one integer")', 'not one integer', { port: ['1', '2'] }),
    ],
  },
  {
    fn: 'searchmatch',
    doc: 'Comparison and Conditional functions, searchmatch(): "Use this function to return TRUE if the search string matches the event"; example searchmatch("x=hi y=*").',
    cases: [
      b('searchmatch("x=hi y=*")', true, { x: 'HI', y: '1' }),
      b('searchmatch("x=hi y=*")', false, { x: 'hi' }),
      n('searchmatch("NOT x=*")', true),
      m('searchmatch("x=b*")', true, { x: ['a', 'bee'] }),
    ],
  },
  {
    fn: 'null',
    doc: 'Comparison and Conditional functions, null(): "This function takes no arguments and returns NULL."',
    cases: [b('null()', null), b('isnull(null())', true)],
  },
  {
    fn: 'true',
    doc: 'Comparison and Conditional functions, true(): "Returns TRUE."',
    cases: [b('true()', true), b('if(true(), "y", "n")', 'y')],
  },
  {
    fn: 'false',
    doc: 'Comparison and Conditional functions, false(): "Returns FALSE."',
    cases: [b('false()', false), b('if(false(), "y", "n")', 'n')],
  },

  // ---------------------------------------------------------------- Informational functions
  {
    fn: 'isnull',
    doc: 'Informational functions, isnull(): "Returns TRUE if the field value is NULL."',
    cases: [n('isnull(x)', true), b('isnull(x)', false, { x: '' }), m('isnull(mv)', false, MV)],
  },
  {
    fn: 'isnotnull',
    doc: 'Informational functions, isnotnull(): "Returns TRUE if the field value is not NULL."',
    cases: [n('isnotnull(x)', false), b('isnotnull(x)', true, { x: 'null' }), m('isnotnull(mv)', true, MV)],
  },
  {
    fn: 'isnum',
    doc: 'Informational functions, isnum(): "Returns TRUE if the field value is a number" (a field whose text is a number is numeric).',
    cases: [
      b('isnum(x)', true, { x: '3.5' }),
      b('isnum(x)', false, { x: '3a' }),
      b('isnum(12)', true),
      b('isnum("12")', false),
      n('isnum(x)', false),
      m('isnum(x)', false, { x: ['1', '2'] }),
    ],
  },
  {
    fn: 'isint',
    doc: 'Informational functions, isint(): "Returns TRUE if the field value is an integer."',
    cases: [b('isint(x)', true, { x: '42' }), b('isint(x)', false, { x: '4.2' }), n('isint(x)', false), m('isint(x)', false, { x: ['1', '2'] })],
  },
  {
    fn: 'isstr',
    doc: 'Informational functions, isstr(): "Returns TRUE if the field value is a string."',
    cases: [
      b('isstr(x)', true, { x: 'abc' }),
      b('isstr(x)', false, { x: '12' }),
      b('isstr("12")', true),
      n('isstr(x)', false),
      m('isstr(x)', false, { x: ['a', 'b'] }),
    ],
  },
  {
    fn: 'isbool',
    doc: 'Informational functions, isbool(): "Returns TRUE if the field value is Boolean."',
    cases: [b('isbool(1==1)', true), b('isbool(x)', false, { x: 'true' }), n('isbool(x)', false), m('isbool(mv)', false, MV)],
  },
  {
    fn: 'typeof',
    doc: 'Informational functions, typeof(): "Returns a string that indicates the field type, such as Number, String, Boolean, and so forth"; examples typeof(12) → Number, typeof("string") → String, typeof(1==2) → Boolean, typeof(badfield) → Invalid.',
    cases: [
      b('typeof(12)', 'Number'),
      b('typeof("string")', 'String'),
      b('typeof("12")', 'String'),
      b('typeof(x)', 'Number', { x: '12' }),
      b('typeof(1==2)', 'Boolean'),
      n('typeof(badfield)', 'Invalid'),
      m('typeof(mv)', 'Multivalue', MV),
    ],
  },

  // ---------------------------------------------------------------- Conversion functions
  {
    fn: 'tostring',
    doc: 'Conversion functions, tostring(): "Converts a value to a string ... If the value is a Boolean value, returns the corresponding string value, True or False"; examples tostring(15, "hex") → 0xF, tostring(12345.6789, "commas") → 12,345.68, tostring(615, "duration") → 00:10:15.',
    cases: [
      b('tostring(1==1)', 'True'),
      b('tostring(15, "hex")', '0xF'),
      b('tostring(12345.6789, "commas")', '12,345.68'),
      b('tostring(615, "duration")', '00:10:15'),
      b('tostring(90061, "duration")', '1+01:01:01'),
      b('tostring(x)', '2.5', { x: 2.5 }),
      n('tostring(x)', null),
      m('tostring(x, "hex")', ['0xA', '0xFF'], { x: ['10', '255'] }),
    ],
  },
  {
    fn: 'tonumber',
    doc: 'Conversion functions, tonumber(): "Converts a string to a number ... <base> defines the base of the number ... If the <str> cannot be parsed to a number, the function returns NULL"; example tonumber("0A4",16) → 164.',
    cases: [
      b('tonumber("0A4", 16)', 164),
      b('tonumber(x)', 123, { x: '123' }),
      b('tonumber("abc")', null),
      b('tonumber("101", 2)', 5),
      n('tonumber(x)', null),
      m('tonumber(x)', [1, 2], { x: ['1', '2'] }),
    ],
  },
  {
    fn: 'printf',
    doc: 'Conversion functions, printf(): "builds a string value, based on a string format and the arguments specified" with C-style conversions (%d, %s, %f, %x ...), flags, width and precision; example printf("%04d", 5).',
    cases: [
      b('printf("%04d", 5)', '0005'),
      b('printf("%.2f", 3.14159)', '3.14'),
      b('printf("%s:%d", host, port)', 'web:80', { host: 'web', port: '80' }),
      b('printf("%\'d", 12345678)', '12,345,678'),
      b('printf("%-5s|", "ab")', 'ab   |'),
      b('printf("%x %o %%", 255, 8)', 'ff 10 %'),
      b('len(printf("%999999999d", 1))', 10000),
      b('printf("%.500f", 1)', '1.' + '0'.repeat(100)),
      n('printf("[%s]", x)', '[]'),
      m('printf("%s", mv)', 'Alpha', MV),
    ],
  },

  // ---------------------------------------------------------------- Text functions
  {
    fn: 'len',
    doc: 'Text functions, len(): "Returns the count of the number of characters, not bytes, in the string."',
    cases: [b('len("hello")', 5), b('len(x)', 2, { x: 'é€' }), n('len(x)', null), m('len(mv)', [5, 4, 5], MV)],
  },
  {
    fn: 'lower',
    doc: 'Text functions, lower(): "Returns the string in lowercase"; a multivalue field gives the lowercase of each value.',
    cases: [b('lower(username)', 'admin', { username: 'ADMIN' }), n('lower(x)', null), m('lower(mv)', ['alpha', 'beta', 'gamma'], MV)],
  },
  {
    fn: 'upper',
    doc: 'Text functions, upper(): "Returns the string in uppercase"; a multivalue field gives the uppercase of each value.',
    cases: [b('upper(username)', 'ADMIN', { username: 'admin' }), b('upper(12)', '12'), n('upper(x)', null), m('upper(mv)', ['ALPHA', 'BETA', 'GAMMA'], MV)],
  },
  {
    fn: 'substr',
    doc: 'Text functions, substr(): "Returns a substring of a string, beginning at the start index ... the first character is 1 ... a negative start index counts from the end"; examples substr("splunk", 1, 3) → spl, substr("splunk", -3) → unk.',
    cases: [
      b('substr("splunk", 1, 3)', 'spl'),
      b('substr("splunk", -3)', 'unk'),
      b('substr("splunk", 4)', 'unk'),
      b('substr("splunk", 5, 10)', 'nk'),
      n('substr(x, 1, 2)', null),
      m('substr(mv, 1, 2)', ['Al', 'be', 'Ga'], MV),
    ],
  },
  {
    fn: 'replace',
    doc: 'Text functions, replace(): "Substitutes the replacement string for every occurrence of the regular expression in the string ... use \\1, \\2 to refer to capture groups"; example replace(date, "^(\\d{1,2})/(\\d{1,2})/", "\\2/\\1/") turns 1/14/2017 into 14/1/2017.',
    cases: [
      b('replace(date, "^(\\d{1,2})/(\\d{1,2})/", "\\2/\\1/")', '14/1/2017', { date: '1/14/2017' }),
      b('replace(p, "a", "o")', 'bonono', { p: 'banana' }),
      b('replace(p, "(?i)POWERSHELL", "ps")', 'ps.exe', { p: 'PowerShell.exe' }),
      b('replace(p, "x", "$1")', '$1y', { p: 'xy' }),
      b('replace(p, "\\d+", "<\\0>")', 'a<12>b<3>', { p: 'a12b3' }),
      n('replace(p, "a", "b")', null),
      m('replace(mv, "a", "_")', ['Alph_', 'bet_', 'G_mm_'], MV),
    ],
  },
  {
    fn: 'trim',
    doc: 'Text functions, trim(): "Removes the trim characters from both sides of the string ... If not specified, spaces and tabs are removed"; example trim("   ZZZZabcZZ ", " Z") → abc.',
    cases: [
      b('trim("   ZZZZabcZZ ", " Z")', 'abc'),
      b('trim(x)', 'a b', { x: ' \ta b\t ' }),
      n('trim(x)', null),
      m('trim(x)', ['a', 'b'], { x: [' a', 'b '] }),
    ],
  },
  {
    fn: 'ltrim',
    doc: 'Text functions, ltrim(): "Removes the trim characters from the left side of the string"; example ltrim("   ZZZZabcZZ ", " Z") → "abcZZ ".',
    cases: [
      b('ltrim("   ZZZZabcZZ ", " Z")', 'abcZZ '),
      b('ltrim(x)', 'a ', { x: '  a ' }),
      n('ltrim(x)', null),
      m('ltrim(x)', ['a', 'b '], { x: [' a', 'b '] }),
    ],
  },
  {
    fn: 'rtrim',
    doc: 'Text functions, rtrim(): "Removes the trim characters from the right side of the string"; example rtrim("   ZZZZabcZZ ", " Z") → "   ZZZZabc".',
    cases: [
      b('rtrim("   ZZZZabcZZ ", " Z")', '   ZZZZabc'),
      b('rtrim(x)', ' a', { x: ' a  ' }),
      n('rtrim(x)', null),
      m('rtrim(x)', [' a', 'b'], { x: [' a', 'b '] }),
    ],
  },
  {
    fn: 'urldecode',
    doc: 'Text functions, urldecode(): "Replaces URL escaped characters with the original characters"; example urldecode("http%3A%2F%2Fwww.splunk.com%2Fdownload%3Fr%3Dheader") → http://www.splunk.com/download?r=header.',
    cases: [
      b('urldecode("http%3A%2F%2Fwww.splunk.com%2Fdownload%3Fr%3Dheader")', 'http://www.splunk.com/download?r=header'),
      b('urldecode(u)', 'caf\u00e9 100%', { u: 'caf%C3%A9%20100%' }),
      n('urldecode(u)', null),
      m('urldecode(u)', ['a b', 'c/d'], { u: ['a%20b', 'c%2Fd'] }),
    ],
  },
  {
    fn: 'split',
    doc: 'Text functions, split(): "Splits the string values on the delimiter and returns the string values as a multivalue field"; example split(foo, ";").',
    cases: [
      b('split(foo, ";")', ['a', 'b', 'c'], { foo: 'a;b;c' }),
      b('split(foo, ";")', 'abc', { foo: 'abc' }),
      b('mvcount(split(To, "@"))', 2, { To: 'user@example.com' }),
      n('split(foo, ";")', null),
      m('split(foo, ",")', ['a', 'b', 'c'], { foo: ['a,b', 'c'] }),
    ],
  },

  // ---------------------------------------------------------------- Multivalue eval functions
  {
    fn: 'mvappend',
    doc: 'Multivalue eval functions, mvappend(): "returns a multivalue result of all the values. The arguments can be strings, multivalue fields or single value fields"; example mvappend("localhost", srcip).',
    cases: [
      b('mvappend("localhost", srcip)', ['localhost', '10.0.0.1'], { srcip: '10.0.0.1' }),
      n('mvappend("localhost", srcip)', 'localhost'),
      m('mvappend(mvappend("localhost", srcip), destip, "192.168.1.1")', ['localhost', '1.1.1.1', '2.2.2.2', '3.3.3.3', '192.168.1.1'], {
        srcip: '1.1.1.1',
        destip: ['2.2.2.2', '3.3.3.3'],
      }),
    ],
  },
  {
    fn: 'mvcount',
    doc: 'Multivalue eval functions, mvcount(): "If the field is a multivalue field, returns the number of values in that field. If the field contains a single value, this function returns 1. If the field has no values, this function returns NULL."',
    cases: [b('mvcount(x)', 1, { x: 'a' }), n('mvcount(x)', null), m('mvcount(mv)', 3, MV)],
  },
  {
    fn: 'mvdedup',
    doc: 'Multivalue eval functions, mvdedup(): "Removes all of the duplicate values from a multivalue field" (order of first occurrence kept).',
    cases: [b('mvdedup(x)', 'a', { x: 'a' }), n('mvdedup(x)', null), m('mvdedup(x)', ['b', 'a', 'c'], { x: ['b', 'a', 'b', 'c', 'a'] })],
  },
  {
    fn: 'mvfilter',
    doc: 'Multivalue eval functions, mvfilter(): "filters a multivalue field based on an arbitrary Boolean expression ... can reference only one field at a time"; example mvfilter(match(email, "\\.net$") OR match(email, "\\.org$")).',
    cases: [
      m('mvfilter(match(email, "\\.net$") OR match(email, "\\.org$"))', ['a@x.net', 'c@z.org'], { email: ['a@x.net', 'b@y.com', 'c@z.org'] }),
      m('mvfilter(email != "b")', ['a', 'c'], { email: ['a', 'b', 'c'] }),
      b('mvfilter(x > 5)', null, { x: '1' }),
      n('mvfilter(isnotnull(x))', null),
    ],
  },
  {
    fn: 'mvfind',
    doc: 'Multivalue eval functions, mvfind(): "Finds the index of a value in a multivalue field that matches the regular expression ... If no values match, returns NULL"; example mvfind(mymvfield, "err\\d+").',
    cases: [
      m('mvfind(mymvfield, "err\\d+")', 2, { mymvfield: ['warn', 'info', 'err42'] }),
      m('mvfind(mymvfield, "fatal")', null, { mymvfield: ['warn', 'info'] }),
      b('mvfind(x, "a")', 0, { x: 'abc' }),
      n('mvfind(x, "a")', null),
    ],
  },
  {
    fn: 'mvindex',
    doc: 'Multivalue eval functions, mvindex(): "Returns a subset of the multivalue field using the start and end index values ... indexes start at zero ... negative values count from the end, -1 is the last value ... <end> is inclusive"; out of range gives NULL.',
    cases: [
      m('mvindex(mv, 0)', 'Alpha', MV),
      m('mvindex(mv, -1)', 'Gamma', MV),
      m('mvindex(mv, 1, 2)', ['beta', 'Gamma'], MV),
      m('mvindex(mv, 5)', null, MV),
      b('mvindex(x, 0)', 'solo', { x: 'solo' }),
      n('mvindex(x, 0)', null),
    ],
  },
  {
    fn: 'mvjoin',
    doc: 'Multivalue eval functions, mvjoin(): "Takes all of the values in a multivalue field and appends the values together using a delimiter"; example mvjoin(foo, ";").',
    cases: [m('mvjoin(foo, ";")', 'a;b;c', { foo: ['a', 'b', 'c'] }), b('mvjoin(foo, ";")', 'a', { foo: 'a' }), n('mvjoin(foo, ";")', null)],
  },
  {
    fn: 'mvmap',
    doc: 'Multivalue eval functions, mvmap(): "iterates over the values of a multivalue field, performs an operation using each value, and returns a multivalue field with the list of results"; example mvmap(results, results*10).',
    cases: [
      m('mvmap(results, results*10)', [10, 20, 30], { results: ['1', '2', '3'] }),
      m('mvmap(a, if(isnull(mvfind(b, a)), a, null()))', ['x', 'z'], { a: ['x', 'y', 'z'], b: ['y'] }),
      b('mvmap(results, results . "!")', 'r!', { results: 'r' }),
      n('mvmap(results, results*10)', null),
    ],
  },
  {
    fn: 'mvrange',
    doc: 'Multivalue eval functions, mvrange(): "Creates a multivalue field based on a range of specified numbers ... the end number is not included"; example mvrange(1,11,2) → 1,3,5,7,9.',
    cases: [b('mvrange(1, 11, 2)', [1, 3, 5, 7, 9]), b('mvrange(1, 4)', [1, 2, 3]), n('mvrange(x, 3)', null), m('mvrange(x, 3)', null, { x: ['1', '2'] })],
  },
  {
    fn: 'mvsort',
    doc: 'Multivalue eval functions, mvsort(): "Returns the values of a multivalue field sorted lexicographically ... Numbers are sorted before letters; uppercase letters are sorted before lowercase letters."',
    cases: [
      m('mvsort(mv)', ['Alpha', 'Gamma', 'beta'], MV),
      m('mvsort(x)', ['10', '9', 'a'], { x: ['a', '9', '10'] }),
      b('mvsort(x)', 'a', { x: 'a' }),
      n('mvsort(x)', null),
    ],
  },
  {
    fn: 'mvzip',
    doc: 'Multivalue eval functions, mvzip(): "Combines the values in two multivalue fields. The delimiter is used to specify a delimiting character to join the two values ... default is a comma"; example mvzip(hosts, ports).',
    cases: [
      m('mvzip(hosts, ports)', ['h1,80', 'h2,443'], { hosts: ['h1', 'h2'], ports: ['80', '443'] }),
      m('mvzip(hosts, ports, ":")', 'h1:80', { hosts: ['h1', 'h2'], ports: '80' }),
      n('mvzip(hosts, ports)', null),
    ],
  },

  // ---------------------------------------------------------------- Mathematical functions
  {
    fn: 'abs',
    doc: 'Mathematical functions, abs(): "Returns the absolute value"; example abs(number).',
    cases: [b('abs(x)', 5, { x: '-5' }), b('abs("a")', null), n('abs(x)', null), m('abs(x)', null, { x: ['-1', '2'] })],
  },
  {
    fn: 'ceiling',
    doc: 'Mathematical functions, ceiling() / ceil(): "Rounds a number up to the next highest integer"; example ceil(1.9) → 2.',
    cases: [b('ceiling(1.2)', 2), b('ceiling(-1.2)', -1), b('ceiling(-0.5)', 0), n('ceiling(x)', null), m('ceiling(x)', null, { x: ['1', '2'] })],
  },
  {
    fn: 'ceil',
    doc: 'Mathematical functions, ceil(): alias of ceiling(); example ceil(1.9) → 2.',
    cases: [b('ceil(1.9)', 2), n('ceil(x)', null), m('ceil(x)', null, { x: ['1', '2'] })],
  },
  {
    fn: 'floor',
    doc: 'Mathematical functions, floor(): "Rounds a number down to the nearest whole integer"; example floor(1.9) → 1.',
    cases: [b('floor(1.9)', 1), b('floor(-1.1)', -2), b('floor(x / 3600)', 2, { x: 9000 }), n('floor(x)', null), m('floor(x)', null, { x: ['1', '2'] })],
  },
  {
    fn: 'round',
    doc: 'Mathematical functions, round(): "Rounds a number to the specified number of decimal places ... the default is to round to an integer"; examples round(3.5) → 4, round(2.555, 2) → 2.56.',
    cases: [
      b('round(3.5)', 4),
      b('round(2.555, 2)', 2.56),
      b('round(-2.5)', -3),
      b('round(-0.4)', 0),
      b('round(x, 1)', 0.3, { x: '0.25' }),
      n('round(x)', null),
      m('round(x)', null, { x: ['1', '2'] }),
    ],
  },
  {
    fn: 'sqrt',
    doc: 'Mathematical functions, sqrt(): "Returns the square root of a number"; example sqrt(9) → 3.',
    cases: [b('sqrt(9)', 3), b('sqrt(-1)', null), n('sqrt(x)', null), m('sqrt(x)', null, { x: ['4', '9'] })],
  },
  {
    fn: 'pow',
    doc: 'Mathematical functions, pow(): "Returns a number to the power of the exponent"; example pow(2,10) → 1024.',
    cases: [b('pow(2, 10)', 1024), b('pow(10, 3)', 1000), n('pow(x, 2)', null), m('pow(x, 2)', null, { x: ['2', '3'] })],
  },
  {
    fn: 'exp',
    doc: 'Mathematical functions, exp(): "Returns the exponential function e^N"; example exp(3).',
    cases: [b('exp(0)', 1), b('round(exp(1), 4)', 2.7183), n('exp(x)', null), m('exp(x)', null, { x: ['1', '2'] })],
  },
  {
    fn: 'ln',
    doc: 'Mathematical functions, ln(): "Returns the natural logarithm"; example ln(bytes).',
    cases: [b('ln(1)', 0), b('round(ln(10), 3)', 2.303), n('ln(x)', null), m('ln(x)', null, { x: ['1', '2'] })],
  },
  {
    fn: 'log',
    doc: 'Mathematical functions, log(): "Returns the logarithm of <num> using <base> as the base. If <base> is omitted, base 10 is used"; example log(number,2).',
    cases: [b('log(100)', 2), b('log(8, 2)', 3), b('log(0)', null), n('log(x)', null), m('log(x)', null, { x: ['1', '2'] })],
  },
  {
    fn: 'pi',
    doc: 'Mathematical functions, pi(): "Returns the constant pi to 11 digits of precision."',
    cases: [b('round(pi(), 5)', 3.14159)],
  },
  {
    fn: 'exact',
    doc: 'Mathematical functions, exact(): "Returns the result of a numeric eval calculation with a larger amount of precision in the formatted output"; example exact(3.14 * num).',
    cases: [
      b('exact(3.14 * num)', '6.28', { num: '2' }),
      b('exact(0.1 + 0.2)', '0.30000000000000004'),
      n('exact(num)', null),
      m('exact(num)', null, { num: ['1', '2'] }),
    ],
  },
  {
    fn: 'random',
    doc: 'Statistical eval functions, random(): "Returns a pseudo-random integer ranging from zero to 2^31-1."',
    cases: [b('random() >= 0 AND random() < pow(2, 31) AND isint(random())', true)],
  },

  // ---------------------------------------------------------------- Statistical eval functions
  {
    fn: 'min',
    doc: 'Statistical eval functions, min(): "Returns the minimum of a set of string or numeric values ... numbers are compared numerically, strings lexicographically, and numbers are less than strings"; multivalue fields can be used.',
    cases: [b('min(3, 1, 2)', 1), b('min(x, 5)', 5, { x: '10' }), b('min(10, "abc")', 10), n('min(x, 5)', 5), m('min(x)', '2', { x: ['10', '2', '33'] })],
  },
  {
    fn: 'max',
    doc: 'Statistical eval functions, max(): "Returns the maximum of a set of string or numeric values ... strings are greater than numbers"; multivalue fields can be used.',
    cases: [
      b('max(1, 3, 6, 7)', 7),
      b('max(10, "abc")', 'abc'),
      b('max(x, 2)', '10', { x: '10' }),
      n('max(x, 5)', 5),
      m('max(x)', '33', { x: ['10', '2', '33'] }),
    ],
  },
  {
    fn: 'avg',
    doc: 'Statistical eval functions, avg(): "Returns the average of numerical values as an integer ... or a float" over all arguments and multivalue fields.',
    cases: [b('avg(1, 2, 3)', 2), b('avg(1, 2)', 1.5), n('avg(x)', null), m('avg(x)', 15, { x: ['10', '20'] })],
  },
  {
    fn: 'sum',
    doc: 'Statistical eval functions, sum(): "Returns the sum of numerical values" over all arguments and multivalue fields.',
    cases: [b('sum(1, 2, 3)', 6), n('sum(x, 1)', 1), m('sum(x)', 30, { x: ['10', '20'] })],
  },

  // ---------------------------------------------------------------- Date and Time functions
  {
    fn: 'now',
    doc: 'Date and Time functions, now(): "Returns the time that the search was started ... in UNIX time"; the harness pins it to the run\'s reference time.',
    cases: [b('now()', 1705322096)],
  },
  {
    fn: 'time',
    doc: 'Date and Time functions, time(): "Returns the wall-clock time, in the UNIX time format"; the harness pins it to the run\'s reference time so results are reproducible.',
    cases: [b('time()', 1705322096)],
  },
  {
    fn: 'relative_time',
    doc: 'Date and Time functions, relative_time(): "Adjusts the time by a relative time specifier"; example relative_time(now(),"-1d@d") → yesterday at midnight.',
    cases: [
      b('relative_time(now(), "-1d@d")', 1705190400),
      b('relative_time(now(), "@h")', 1705320000),
      b('relative_time(now(), "+1h")', 1705325696),
      b('relative_time(now(), "-7d@w1")', 1704672000),
      n('relative_time(t, "-1d")', null),
      m('relative_time(t, "-1d")', null, { t: ['1', '2'] }),
    ],
  },
  {
    fn: 'strftime',
    doc: 'Date and Time functions, strftime(): "takes a UNIX time value and renders the time as a string using the format specified"; example strftime(_time, "%H:%M"). Times are rendered in UTC here.',
    cases: [
      b('strftime(_time, "%Y-%m-%dT%H:%M:%S")', '2024-01-15T12:34:56', { _time: 1705322096 }),
      b('strftime(_time, "%H:%M")', '12:34', { _time: '1705322096' }),
      b('strftime(_time, "%a %b %d %Y %I:%M %p %Z")', 'Mon Jan 15 2024 12:34 PM UTC', { _time: 1705322096 }),
      b('strftime(_time, "%Y-%m-%d %H:%M:%S.%3N")', '2024-01-15 12:34:56.250', { _time: 1705322096.25 }),
      n('strftime(_time, "%Y")', null),
      m('strftime(t, "%Y")', ['1970', '2001'], { t: ['0', '1000000000'] }),
    ],
  },
  {
    fn: 'strptime',
    doc: 'Date and Time functions, strptime(): "takes a time represented by a string and parses the time into a UNIX timestamp format"; example strptime(timeStr, "%H:%M"). UTC unless the text carries a zone.',
    cases: [
      b('strptime(t, "%Y-%m-%dT%H:%M:%S")', 1705322096, { t: '2024-01-15T12:34:56' }),
      b('strptime(t, "%m/%d/%Y %I:%M:%S %p")', 1705322096, { t: '01/15/2024 12:34:56 PM' }),
      b('strptime(t, "%Y-%m-%d %H:%M:%S %z")', 1705322096, { t: '2024-01-15 14:34:56 +0200' }),
      b('strptime(t, "%Y-%m-%d")', null, { t: 'yesterday' }),
      n('strptime(t, "%Y")', null),
      m('strptime(t, "%Y")', [0, 978307200], { t: ['1970', '2001'] }),
    ],
  },

  // ---------------------------------------------------------------- Cryptographic functions
  {
    fn: 'md5',
    doc: 'Cryptographic functions, md5(): "Computes the md5 hash for the string value."',
    cases: [
      b('md5("abc")', '900150983cd24fb0d6963f7d28e17f72'),
      n('md5(x)', null),
      m('md5(x)', ['0cc175b9c0f1b6a831c399e269772661', '92eb5ffee6ae2fec3ad71c777531578f'], { x: ['a', 'b'] }),
    ],
  },
  {
    fn: 'sha1',
    doc: 'Cryptographic functions, sha1(): "Computes the sha1 hash for the string value."',
    cases: [b('sha1("abc")', 'a9993e364706816aba3e25717850c26c9cd0d89d'), n('sha1(x)', null), m('mvcount(sha1(x))', 2, { x: ['a', 'b'] })],
  },
  {
    fn: 'sha256',
    doc: 'Cryptographic functions, sha256(): "Computes the sha256 hash for the string value."',
    cases: [
      b('sha256("abc")', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'),
      n('sha256(x)', null),
      m('mvcount(sha256(x))', 2, { x: ['a', 'b'] }),
    ],
  },
  {
    fn: 'sha512',
    doc: 'Cryptographic functions, sha512(): "Computes the sha512 hash for the string value."',
    cases: [b('substr(sha512("abc"), 1, 16)', 'ddaf35a193617aba'), n('sha512(x)', null), m('mvcount(sha512(x))', 2, { x: ['a', 'b'] })],
  },

  // ---------------------------------------------------------------- JSON functions
  {
    fn: 'spath',
    doc: 'Text functions, spath(): "extracts information from the structured data formats XML and JSON ... the location path"; paths use dots and {} for arrays, an array gives a multivalue.',
    cases: [
      b('spath(j, "a.b")', '1', { j: '{"a":{"b":1}}' }),
      b('spath(j, "a{}.n")', ['x', 'y'], { j: '{"a":[{"n":"x"},{"n":"y"}]}' }),
      b('spath(j, "a{1}")', '20', { j: '{"a":[10,20]}' }),
      b('spath(j, "missing")', null, { j: '{"a":1}' }),
      b('spath(j, "a")', null, { j: 'not json' }),
      n('spath(j, "a")', null),
      m('spath(j, "a")', '1', { j: ['{"a":1}', '{"a":2}'] }),
    ],
  },
  {
    fn: 'json_extract',
    doc: 'JSON functions, json_extract(): "returns a value from a piece of JSON ... based on the paths that you specify"; with no path, the whole JSON; with several paths, the values of each.',
    cases: [
      b('json_extract(j, "user.name")', 'maria', { j: '{"user":{"name":"maria"}}' }),
      b('json_extract(j, "a", "b")', ['1', '2'], { j: '{"a":1,"b":2}' }),
      b('json_extract(j, "o")', '{"k":true}', { j: '{"o":{"k":true}}' }),
      n('json_extract(j, "a")', null),
      m('json_extract(j, "a{}")', ['1', '2'], { j: '{"a":[1,2]}', other: ['x', 'y'] }),
    ],
  },
  {
    fn: 'json_valid',
    doc: 'JSON functions, json_valid(): "Evaluates whether a piece of JSON uses valid JSON syntax and returns either TRUE or FALSE."',
    cases: [
      b('json_valid(j)', true, { j: '{"a":1}' }),
      b('json_valid(j)', false, { j: '{a:1}' }),
      n('json_valid(j)', false),
      m('json_valid(j)', true, { j: ['[1]', 'x'] }),
    ],
  },
  {
    fn: 'json_keys',
    doc: 'JSON functions, json_keys(): "Returns the keys from the key-value pairs in a JSON object. The keys are returned as a JSON array."',
    cases: [
      b('json_keys(j)', '["a","b"]', { j: '{"a":1,"b":2}' }),
      b('json_keys(j)', null, { j: '[1]' }),
      n('json_keys(j)', null),
      m('json_keys(j)', '["k"]', { j: ['{"k":1}', '{}'] }),
    ],
  },
  {
    fn: 'json_object',
    doc: 'JSON functions, json_object(): "Creates a new JSON object from members of key-value pairs"; example json_object("name", "maria").',
    cases: [
      b('json_object("name", "maria")', '{"name":"maria"}'),
      b('json_object("n", 1)', '{"n":1}'),
      n('json_object("k", x)', '{"k":null}'),
      m('json_object("k", x)', '{"k":["a","b"]}', { x: ['a', 'b'] }),
    ],
  },
  {
    fn: 'json_array',
    doc: 'JSON functions, json_array(): "Creates a JSON array using a list of values"; example json_array("buttercup", "fluttershy").',
    cases: [
      b('json_array("buttercup", "fluttershy")', '["buttercup","fluttershy"]'),
      n('json_array(x)', '[null]'),
      m('json_array(x)', '[["a","b"]]', { x: ['a', 'b'] }),
    ],
  },
  {
    fn: 'json_extract_exact',
    doc: 'JSON functions, json_extract_exact(): "Like the json_extract function, this function returns a Splunk software native type value from a piece of JSON. The main difference ... is that the keys are not interpreted as paths"; a key such as "a.b" is one key.',
    cases: [
      b('json_extract_exact(j, "a.b")', '1', { j: '{"a.b":1,"a":{"b":2}}' }),
      b('json_extract_exact(j, "x")', null, { j: '{"a":1}' }),
      n('json_extract_exact(j, "a")', null),
      m('json_extract_exact(j, "a")', '1', { j: ['{"a":1}', '{"a":2}'] }),
    ],
  },
  {
    fn: 'mv_to_json_array',
    doc: 'JSON functions, mv_to_json_array(): "Maps the elements of a multivalue field to a JSON array"; with infer_types true, numbers and booleans are typed, otherwise every element is a string.',
    cases: [
      m('mv_to_json_array(x)', '["1","a"]', { x: ['1', 'a'] }),
      m('mv_to_json_array(x, true())', '[1,"a",true]', { x: ['1', 'a', 'true'] }),
      b('mv_to_json_array(x)', '["a"]', { x: 'a' }),
      n('mv_to_json_array(x)', null),
    ],
  },
  {
    fn: 'json_array_to_mv',
    doc: 'JSON functions, json_array_to_mv(): "Maps the elements of a proper JSON array into a multivalue field."',
    cases: [
      b('json_array_to_mv(j)', ['a', '1'], { j: '["a",1]' }),
      b('json_array_to_mv(j)', null, { j: '{}' }),
      n('json_array_to_mv(j)', null),
      m('json_array_to_mv(j)', 'x', { j: ['["x"]', '["y"]'] }),
    ],
  },

  // ---------------------------------------------------------------- other
  {
    fn: 'ipmask',
    doc: 'Text functions / network, ipmask(): "Generates a new masked IP address by applying a mask to an IP address using a bitwise AND operation"; example ipmask("255.255.255.0", "10.20.30.120") → 10.20.30.0.',
    cases: [
      b('ipmask("255.255.255.0", "10.20.30.120")', '10.20.30.0'),
      b('ipmask("255.255.255.0", ip)', null, { ip: 'host' }),
      n('ipmask("255.0.0.0", ip)', null),
      m('ipmask("255.255.0.0", ip)', ['8.8.0.0', '10.1.0.0'], IP_MV),
    ],
  },
  {
    fn: 'commands',
    doc: 'Multivalue eval functions, commands(): "takes a search string ... and returns a multivalued field containing a list of the commands used"; example commands("search foo | stats count | sort count") → search, stats, sort.',
    cases: [
      b('commands("search foo | stats count | sort count")', ['search', 'stats', 'sort']),
      b('commands("index=main | eval x=\\"a|b\\" | table x")', ['search', 'eval', 'table']),
      n('commands(s)', null),
      m('commands(s)', ['search', 'head'], { s: ['search x | head 1', 'other'] }),
    ],
  },
  // ---------------------------------------------------------------- Trig and Hyperbolic functions
  ...trig('acos', 'computes the arc cosine of X, in the interval [0,pi] radians', [b('acos(1)', 0), b('round(acos(0), 4)', 1.5708), b('acos(2)', null)]),
  ...trig('acosh', 'computes the arc hyperbolic cosine of X, in radians', [b('acosh(1)', 0), b('round(acosh(2), 4)', 1.317)]),
  ...trig('asin', 'computes the arc sine of X, in the interval [-pi/2,+pi/2] radians', [b('asin(0)', 0), b('round(asin(1), 4)', 1.5708)]),
  ...trig('asinh', 'computes the arc hyperbolic sine of X, in radians', [b('asinh(0)', 0), b('round(asinh(1), 4)', 0.8814)]),
  ...trig('atan', 'computes the arc tangent of X, in the interval [-pi/2,+pi/2] radians', [b('atan(0)', 0), b('round(atan(1), 4)', 0.7854)]),
  ...trig('atanh', 'computes the arc hyperbolic tangent of X, in radians', [b('atanh(0)', 0), b('atanh(1)', null)]),
  ...trig('cos', 'computes the cosine of an angle of X radians', [b('cos(0)', 1), b('round(cos(pi()), 4)', -1)]),
  ...trig('cosh', 'computes the hyperbolic cosine of X radians', [b('cosh(0)', 1)]),
  ...trig('sin', 'computes the sine of X', [b('sin(0)', 0), b('round(sin(pi()/2), 4)', 1)]),
  ...trig('sinh', 'computes the hyperbolic sine of X', [b('sinh(0)', 0)]),
  ...trig('tan', 'computes the tangent of X', [b('tan(0)', 0), b('round(tan(pi()/4), 4)', 1)]),
  ...trig('tanh', 'computes the hyperbolic tangent of X', [b('tanh(0)', 0)]),
  {
    fn: 'atan2',
    doc: 'Trig and Hyperbolic functions, atan2(): "computes the arc tangent of Y, X in the interval [-pi,+pi] radians"; example atan2(0.50, 0.75).',
    cases: [b('round(atan2(0.50, 0.75), 4)', 0.588), b('round(atan2(1, -1), 4)', 2.3562), n('atan2(y, 1)', null), m('atan2(y, 1)', null, { y: ['1', '2'] })],
  },
  {
    fn: 'hypot',
    doc: 'Trig and Hyperbolic functions, hypot(): "computes the hypotenuse of a right-angled triangle whose legs are X and Y"; example hypot(3,4) → 5.',
    cases: [b('hypot(3, 4)', 5), n('hypot(x, 4)', null), m('hypot(x, 4)', null, { x: ['3', '4'] })],
  },

  // ---------------------------------------------------------------- Bitwise functions
  {
    fn: 'bit_and',
    doc: 'Bitwise functions, bit_and(): "Bitwise AND function that takes two or more non-negative integers as arguments"; example bit_and(12, 10) → 8.',
    cases: [
      b('bit_and(12, 10)', 8),
      b('bit_and(15, 7, 3)', 3),
      b('bit_and(-1, 3)', null),
      n('bit_and(x, 1)', null),
      m('bit_and(x, 1)', null, { x: ['1', '3'] }),
    ],
  },
  {
    fn: 'bit_or',
    doc: 'Bitwise functions, bit_or(): "Bitwise OR function that takes two or more non-negative integers"; example bit_or(12, 10) → 14.',
    cases: [b('bit_or(12, 10)', 14), b('bit_or(4294967296, 1)', 4294967297), n('bit_or(x, 1)', null), m('bit_or(x, 1)', null, { x: ['1', '3'] })],
  },
  {
    fn: 'bit_xor',
    doc: 'Bitwise functions, bit_xor(): "Bitwise XOR function that takes two or more non-negative integers"; example bit_xor(12, 10) → 6.',
    cases: [b('bit_xor(12, 10)', 6), n('bit_xor(x, 1)', null), m('bit_xor(x, 1)', null, { x: ['1', '3'] })],
  },
  {
    fn: 'bit_not',
    doc: 'Bitwise functions, bit_not(): "Bitwise NOT function that takes a non-negative integer and an optional bitmask"; the complement within the mask width (32 bits by default).',
    cases: [b('bit_not(9, 4)', 6), b('bit_not(0)', 4294967295), n('bit_not(x)', null), m('bit_not(x)', null, { x: ['1', '3'] })],
  },
  {
    fn: 'bit_shift_left',
    doc: 'Bitwise functions, bit_shift_left(): "Logical left shift ... shifts the bits of a non-negative integer"; example bit_shift_left(1, 3) → 8.',
    cases: [
      b('bit_shift_left(1, 3)', 8),
      b('bit_shift_left(1, 1000000000)', null),
      n('bit_shift_left(x, 1)', null),
      m('bit_shift_left(x, 1)', null, { x: ['1', '3'] }),
    ],
  },
  {
    fn: 'bit_shift_right',
    doc: 'Bitwise functions, bit_shift_right(): "Logical right shift"; example bit_shift_right(16, 2) → 4.',
    cases: [b('bit_shift_right(16, 2)', 4), n('bit_shift_right(x, 1)', null), m('bit_shift_right(x, 1)', null, { x: ['16', '3'] })],
  },

  // ---------------------------------------------------------------- functions added from the 9.x Search Reference
  {
    fn: 'sigfig',
    doc: 'Mathematical functions, sigfig(): "1.00*1111 = 1111, but sigfig(1.00*1111) returns 1110"; multiplication keeps the fewest significant figures, addition the fewest decimal places.',
    cases: [
      b('sigfig(1.00*1111)', 1110),
      b('sigfig(123.0 + 4.567)', 127.6),
      b('sigfig(x * 2.0)', 6.9, { x: '3.45' }),
      n('sigfig(x)', null),
      m('sigfig(x)', null, { x: ['1', '2'] }),
    ],
  },
  {
    fn: 'isdouble',
    doc: 'Informational functions, isdouble(): "evaluates whether the value is a double data type".',
    cases: [
      b('isdouble(2.5)', true),
      b('isdouble(2)', false),
      b('isdouble("2.5")', false),
      b('isdouble(x)', true, { x: '1.50' }),
      n('isdouble(x)', false),
      m('isdouble(x)', false, { x: ['1.5', '2.5'] }),
    ],
  },
  {
    fn: 'ismv',
    doc: 'Informational functions, ismv(): "evaluates whether the value is a multivalue field".',
    cases: [b('ismv(split("a,b", ","))', true), b('ismv("a")', false), n('ismv(x)', false), m('ismv(x)', true, { x: ['a', 'b'] })],
  },
  {
    fn: 'isarray',
    doc: 'Informational functions, isarray(): isarray("[1, 2, 3]") is True, isarray(1) is False.',
    cases: [b('isarray("[1, 2, 3]")', true), b('isarray(1)', false), n('isarray(x)', false), m('isarray(x)', false, { x: ['[1]', '[2]'] })],
  },
  {
    fn: 'isobject',
    doc: 'Informational functions, isobject(): "evaluates whether the value is an object data type".',
    cases: [b('isobject("{\\"a\\": 1}")', true), b('isobject("[1]")', false), n('isobject(x)', false), m('isobject(x)', false, { x: ['{}', '{}'] })],
  },
  {
    fn: 'toint',
    doc: 'Conversion functions, toint(): converts a value to an integer; text that is not a number gives null.',
    cases: [
      b('toint(3.7)', 3),
      b('toint("42")', 42),
      b('toint(-2.5)', -2),
      b('toint("abc")', null),
      n('toint(x)', null),
      m('toint(x)', [1, 2], { x: ['1.5', '2.5'] }),
    ],
  },
  {
    fn: 'todouble',
    doc: 'Conversion functions, todouble(): converts a value to a double.',
    cases: [b('todouble("2.5")', 2.5), b('todouble("x")', null), n('todouble(x)', null), m('todouble(x)', [1.5, 2], { x: ['1.5', '2'] })],
  },
  {
    fn: 'tobool',
    doc: 'Conversion functions, tobool(): converts "true"/"false" and numbers (0 is false) to a Boolean.',
    cases: [b('tobool("TRUE")', true), b('tobool(0)', false), b('tobool("maybe")', null), n('tobool(x)', null), m('tobool(x)', null, { x: ['1', '0'] })],
  },
  {
    fn: 'tomv',
    doc: 'Conversion functions, tomv(): converts a JSON array to a multivalue field.',
    cases: [b('tomv("[\\"a\\", \\"b\\"]")', ['a', 'b']), b('tomv("x")', 'x'), n('tomv(x)', null), m('tomv(x)', ['a', 'b'], { x: ['a', 'b'] })],
  },
  {
    fn: 'toarray',
    doc: 'Conversion functions, toarray(): converts a value (a multivalue field included) to a JSON array.',
    cases: [b('toarray("a")', '["a"]'), b('toarray("[1,2]")', '[1,2]'), n('toarray(x)', null), m('toarray(x)', '["a","b"]', { x: ['a', 'b'] })],
  },
  {
    fn: 'toobject',
    doc: 'Conversion functions, toobject(): converts JSON object text to an object.',
    cases: [b('toobject("{\\"a\\": 1}")', '{"a":1}'), b('toobject("x")', null), n('toobject(x)', null), m('toobject(x)', null, { x: ['{}', '{}'] })],
  },
  {
    fn: 'mvreverse',
    doc: 'Multivalue eval functions, mvreverse(): "reverses the order of the values in a multivalue field".',
    cases: [
      b('mvreverse(split("a,b,c", ","))', ['c', 'b', 'a']),
      b('mvreverse("a")', 'a'),
      n('mvreverse(x)', null),
      m('mvreverse(x)', ['2', '1'], { x: ['1', '2'] }),
    ],
  },
  {
    fn: 'json_set',
    doc: 'JSON functions, json_set(): "Inserts or overwrites values for a JSON node with the values provided and returns an updated JSON object".',
    cases: [
      b('json_set(j, "a.b", "x")', '{"a":{"b":"x"}}', { j: '{"a":{"b":1}}' }),
      b('json_set(j, "c", 2)', '{"a":1,"c":2}', { j: '{"a":1}' }),
      n('json_set(j, "a", 1)', null),
      m('json_set(j, "a", 2)', '{"a":2}', { j: ['{"a":1}', '{"a":3}'] }),
    ],
  },
  {
    fn: 'json_set_exact',
    doc: 'JSON functions, json_set_exact(): like json_set, but "keys are not interpreted as paths".',
    cases: [
      b('json_set_exact(j, "a.b", 2)', '{"a":1,"a.b":2}', { j: '{"a":1}' }),
      n('json_set_exact(j, "a", 1)', null),
      m('json_set_exact(j, "b", 2)', '{"a":1,"b":2}', { j: ['{"a":1}', '{}'] }),
    ],
  },
  {
    fn: 'json_append',
    doc: 'JSON functions, json_append(): "Appends values to the ends of indicated arrays within a JSON document".',
    cases: [
      b('json_append(j, "a", "x")', '{"a":[1,"x"]}', { j: '{"a":[1]}' }),
      b('json_append(j, "", 3)', '[1,2,3]', { j: '[1,2]' }),
      n('json_append(j, "a", 1)', null),
      m('json_append(j, "a", 2)', '{"a":[1,2]}', { j: ['{"a":[1]}', '{"a":[]}'] }),
    ],
  },
  {
    fn: 'json_extend',
    doc: 'JSON functions, json_extend(): "flattens arrays into their component values and appends those values to the ends of indicated arrays".',
    cases: [
      b('json_extend(j, "a", "[2,3]")', '{"a":[1,2,3]}', { j: '{"a":[1]}' }),
      n('json_extend(j, "a", "[1]")', null),
      m('json_extend(j, "a", "[2]")', '{"a":[1,2]}', { j: ['{"a":[1]}', '{}'] }),
    ],
  },
  {
    fn: 'json_delete',
    doc: 'JSON functions, json_delete(): "Removes one or more keys and their corresponding values from the specified JSON object".',
    cases: [
      b('json_delete(j, "b")', '{"a":1}', { j: '{"a":1,"b":2}' }),
      b('json_delete(j, "a.x", "c")', '{"a":{}}', { j: '{"a":{"x":1},"c":3}' }),
      n('json_delete(j, "a")', null),
      m('json_delete(j, "a")', '{}', { j: ['{"a":1}', '{}'] }),
    ],
  },
  {
    fn: 'json_has_key_exact',
    doc: 'JSON functions, json_has_key_exact(): whether the object has the key, "keys are not interpreted as paths".',
    cases: [
      b('json_has_key_exact(j, "a.b")', true, { j: '{"a.b":1}' }),
      b('json_has_key_exact(j, "a.b")', false, { j: '{"a":{"b":1}}' }),
      n('json_has_key_exact(j, "a")', false),
      m('json_has_key_exact(j, "a")', true, { j: ['{"a":1}', '{}'] }),
    ],
  },
];

/** A one-argument trig function: its basic cases plus the shared null and multivalue cases. */
function trig(fn: string, sentence: string, basics: GoldenCase[]): FunctionGolden[] {
  return [
    {
      fn,
      doc: `Trig and Hyperbolic functions, ${fn}(): "${sentence}"; null or non-numeric input gives null.`,
      cases: [...basics, n(`${fn}(x)`, null), m(`${fn}(x)`, null, { x: ['0', '1'] })],
    },
  ];
}
