/** Search Reference, "Text functions". */
import { docPage, ev, FUNCTIONS, on } from './helpers.js';

const PAGE = FUNCTIONS + 'text-functions';
const CITIES = JSON.stringify({
  cities: [
    {
      name: 'London',
      Bridges: [
        { name: 'Tower Bridge', length: 801 },
        { name: 'Millennium Bridge', length: 1066 },
      ],
    },
    { name: 'Venice', Bridges: [{ name: 'Rialto Bridge', length: 157 }] },
  ],
});

docPage(PAGE, [
  on('len(): example n=len(field) returns the character length', [{ field: 'splunk' }], '| eval n=len(field)', [{ n: '6' }]),
  ev('len(): characters, not bytes', 'n=len("héllo")', { n: '5' }),
  on('lower(): example username=lower(username)', [{ username: 'ADMIN' }], '| eval username=lower(username)', [{ username: 'admin' }]),
  ev('ltrim(): example ltrim("   ZZZZabcZZ ", " Z") returns "abcZZ "', 'n=ltrim("   ZZZZabcZZ ", " Z")', { n: 'abcZZ ' }),
  ev('ltrim(): without a character set, spaces and tabs are removed', 'n=ltrim("   abc ")', { n: 'abc ' }),
  on(
    String.raw`replace(): example n=replace(date, "^(\d{1,2})/(\d{1,2})/", "\2/\1/"): "If the input was 1/14/2017 the return value would be 14/1/2017"`,
    [{ date: '1/14/2017' }],
    String.raw`| eval n=replace(date, "^(\d{1,2})/(\d{1,2})/", "\2/\1/")`,
    [{ n: '14/1/2017' }],
  ),
  ev('replace(): every match is replaced', 'n=replace("a-b-c", "-", "+")', { n: 'a+b+c' }),
  ev('rtrim(): example rtrim("   ZZZZabcZZ ", " Z") returns "   ZZZZabc"', 'n=rtrim("   ZZZZabcZZ ", " Z")', { n: '   ZZZZabc' }),
  ev('spath(): extracts a value from JSON by location path', `j=${JSON.stringify(CITIES)} | eval n=spath(j, "cities{0}.name")`, { n: 'London' }),
  ev('spath(): "{}" takes every element of an array: a multivalue field', `j=${JSON.stringify(CITIES)} | eval n=spath(j, "cities{}.name")`, {
    n: ['London', 'Venice'],
  }),
  ev('spath(): JSON array indexes count from 0: cities{1} is the second city', `j=${JSON.stringify(CITIES)} | eval n=spath(j, "cities{1}.Bridges{0}.name")`, {
    n: 'Rialto Bridge',
  }),
  ev('spath(): nested arrays fan out', `j=${JSON.stringify(CITIES)} | eval n=spath(j, "cities{}.Bridges{}.length")`, { n: ['801', '1066', '157'] }),
  ev(
    'spath(): "extracts information from the structured data formats XML and JSON": an XML element',
    `x="<vendor><product><desc><locDesc locale=\\"en\\">Splunk</locDesc><locDesc locale=\\"fr\\">Splunk FR</locDesc></desc></product></vendor>" | eval n=spath(x, "vendor.product.desc.locDesc")`,
    { n: ['Splunk', 'Splunk FR'] },
  ),
  ev(
    'spath(): XML attributes are read with {@name}',
    `x="<vendor><product><desc><locDesc locale=\\"en\\">Splunk</locDesc><locDesc locale=\\"fr\\">Splunk FR</locDesc></desc></product></vendor>" | eval n=spath(x, "vendor.product.desc.locDesc{@locale}")`,
    { n: ['en', 'fr'] },
  ),
  ev(
    'spath(): an XML index counts from 1 ("this differs between JSON and XML")',
    `x="<book><title>A</title><title>B</title></book>" | eval n=spath(x, "book.title{2}")`,
    { n: 'B' },
  ),
  ev('spath(): a path that is not there gives null', 'j="{\\"a\\": 1}" | eval n=spath(j, "b")', { n: null }),
  ev('substr(): example substr("splunk", 1, 3) returns "spl"', 'n=substr("splunk", 1, 3)', { n: 'spl' }),
  ev('substr(): "If <start> is a negative number, the substring starts from the end": substr("splunk", -3) returns "unk"', 'n=substr("splunk", -3)', {
    n: 'unk',
  }),
  ev('substr(): without a length, the rest of the string', 'n=substr("splunk", 3)', { n: 'lunk' }),
  ev('substr(): example substr("splunk", 1, 3) . substr("splunk", -3) returns "splunk"', 'n=substr("splunk", 1, 3) . substr("splunk", -3)', { n: 'splunk' }),
  ev('trim(): example trim("   ZZZZabcZZ ", " Z") returns "abc"', 'n=trim("   ZZZZabcZZ ", " Z")', { n: 'abc' }),
  ev('trim(): without a character set, spaces and tabs', 'n=trim("  abc  ")', { n: 'abc' }),
  on('upper(): example n=upper(username)', [{ username: 'admin' }], '| eval n=upper(username)', [{ n: 'ADMIN' }]),
  ev(
    'urldecode(): example urldecode("http%3A%2F%2Fwww.splunk.com%2Fdownload%3Fr%3Dheader") returns "http://www.splunk.com/download?r=header"',
    'n=urldecode("http%3A%2F%2Fwww.splunk.com%2Fdownload%3Fr%3Dheader")',
    { n: 'http://www.splunk.com/download?r=header' },
  ),
  on('lower()/upper() on a multivalue field apply to every value', [{ user: ['Ann', 'BOB'] }], '| eval u=lower(user)', [{ u: ['ann', 'bob'] }]),
]);
