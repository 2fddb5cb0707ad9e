/** Search Reference, "JSON functions". JSON paths count array positions from 0. */
import { docPage, ev, FUNCTIONS } from './helpers.js';

const PAGE = FUNCTIONS + 'json-functions';
const q = (value: unknown) => JSON.stringify(JSON.stringify(value)); // a JSON document as an SPL string literal
const BRIDGES = q([
  { name: 'Tower Bridge', length: 801 },
  { name: 'Millennium Bridge', length: 1066 },
]);
const CITY = q({ name: 'London', bridges: ['Tower', 'Millennium'], info: { country: 'UK', population: 8982000 } });

docPage(PAGE, [
  ev('json_object(): example json_object("name", "maria", "surname", "dubois")', 'my_object=json_object("name", "maria", "surname", "dubois")', {
    my_object: '{"name":"maria","surname":"dubois"}',
  }),
  ev('json_object(): values keep their types; a nested json_array() is nested', 'o=json_object("n", 1, "list", json_array("a", "b"))', {
    o: '{"n":1,"list":["a","b"]}',
  }),
  ev('json_array(): example json_array("Minty", "Rarity", "Buttercup")', 'ponies=json_array("Minty", "Rarity", "Buttercup")', {
    ponies: '["Minty","Rarity","Buttercup"]',
  }),
  ev('json_array(): numbers stay numbers', 'a=json_array(1, 2.5, "x")', { a: '[1,2.5,"x"]' }),
  ev('json_array_to_mv(): the elements of a JSON array as a multivalue field', 'mv=json_array_to_mv(json_array("Buttercup", "Fluttershy", "Rarity"))', {
    mv: ['Buttercup', 'Fluttershy', 'Rarity'],
  }),
  ev('json_extract(): "{}" reaches every element: json_extract(bridges, "{}.name")', `bridges=${BRIDGES} | eval names=json_extract(bridges, "{}.name")`, {
    names: ['Tower Bridge', 'Millennium Bridge'],
  }),
  ev('json_extract(): an index counts from 0: "{1}.name" is the second bridge', `bridges=${BRIDGES} | eval n=json_extract(bridges, "{1}.name")`, {
    n: 'Millennium Bridge',
  }),
  ev('json_extract(): a dotted path into objects', `city=${CITY} | eval c=json_extract(city, "info.country")`, { c: 'UK' }),
  ev('json_extract(): without a path, the whole document', `city=${CITY} | eval c=json_extract(city)`, { c: JSON.parse(CITY) }),
  ev('json_extract(): several paths give several values', `city=${CITY} | eval c=json_extract(city, "name", "info.country")`, { c: ['London', 'UK'] }),
  ev(
    'json_extract_exact(): keys "are not interpreted as paths"',
    'j="{\\"a.b\\": 1, \\"a\\": {\\"b\\": 2}}" | eval x=json_extract_exact(j, "a.b"), y=json_extract(j, "a.b")',
    { x: '1', y: '2' },
  ),
  ev('json_keys(): the keys of the top-level object, as a JSON array', `city=${CITY} | eval k=json_keys(city)`, { k: '["name","bridges","info"]' }),
  ev(
    'json_valid(): "Evaluates whether a piece of JSON uses valid JSON syntax"',
    'a=if(json_valid("{\\"a\\": 1}"), "valid", "invalid"), b=if(json_valid("{a: 1}"), "valid", "invalid")',
    { a: 'valid', b: 'invalid' },
  ),
  ev(
    'json_set(): "Inserts or overwrites values for a JSON node"',
    `city=${CITY} | eval c=json_extract(json_set(city, "info.country", "United Kingdom"), "info.country")`,
    { c: 'United Kingdom' },
  ),
  ev('json_set(): a path that is not there is created', 'j="{}" | eval c=json_set(j, "a.b", "x")', { c: '{"a":{"b":"x"}}' }),
  ev('json_set_exact(): the key is literal, dots included', 'j="{}" | eval c=json_set_exact(j, "a.b", "x")', { c: '{"a.b":"x"}' }),
  ev(
    'json_append(): "Appends values to the ends of indicated arrays"',
    `city=${CITY} | eval b=json_extract(json_append(city, "bridges", "London Bridge"), "bridges")`,
    { b: ['Tower', 'Millennium', 'London Bridge'] },
  ),
  ev(
    'json_extend(): the elements of an array are appended one by one',
    `city=${CITY} | eval b=json_extract(json_extend(city, "bridges", json_array("A", "B")), "bridges")`,
    { b: ['Tower', 'Millennium', 'A', 'B'] },
  ),
  ev('json_delete(): "Removes one or more keys and their corresponding values"', `city=${CITY} | eval c=json_keys(json_delete(city, "info", "bridges"))`, {
    c: '["name"]',
  }),
  ev(
    'json_has_key_exact(): whether the object has the key',
    `city=${CITY} | eval a=if(json_has_key_exact(city, "info"), "y", "n"), b=if(json_has_key_exact(city, "country"), "y", "n")`,
    { a: 'y', b: 'n' },
  ),
  ev('mv_to_json_array(): a multivalue field as a JSON array', 'j=mv_to_json_array(split("a,b", ","))', { j: '["a","b"]' }),
]);
