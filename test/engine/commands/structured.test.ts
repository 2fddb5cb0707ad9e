/**
 * Golden tests: spath, fromjson, xmlkv, makemv, mvexpand (Splunk Search Reference pages of the
 * same names).
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const json = JSON.stringify({
  userIdentity: { arn: 'arn:aws:iam::1:user/bob', type: 'IAMUser' },
  items: [
    { id: 'i-1', tags: ['a', 'b'] },
    { id: 'i-2', tags: ['c'] },
  ],
  ok: true,
  n: 3,
});

describe('spath', () => {
  it('path= extracts one value; output= names the field, else the path does', async () => {
    // spath: "output: If you do not specify an output argument, the path is used as the name of the field."
    const rows = await run('* | spath output=user path=userIdentity.arn | spath path=userIdentity.type | table user userIdentity.type', {
      events: [{ _raw: json }],
    });
    expect(rows).toEqual([{ user: 'arn:aws:iam::1:user/bob', 'userIdentity.type': 'IAMUser' }]);
  });

  it('{} takes every array element, giving a multivalue field; {N} counts from 0 in JSON', async () => {
    // spath: "Use curly brackets to denote arrays" (e.g. items{}.id); SPL2 spath examples:
    // `path=category.boardgames.cooperative{1}` extracts the second game, "Forbidden Island".
    const rows = await run(
      '* | spath output=ids path=items{}.id | spath output=first path=items{0}.id | spath output=second path=items{1}.id | table ids first second',
      { events: [{ _raw: json }] },
    );
    expect(rows).toEqual([{ ids: ['i-1', 'i-2'], first: 'i-1', second: 'i-2' }]);
  });

  it('without a path, extracts every leaf path (arrays as {})', async () => {
    // spath: "If you do not specify a path, all fields in the first 5,000 characters are extracted."
    const [row] = await run('* | spath', { events: [{ _raw: json }] });
    expect(row['userIdentity.arn']).toBe('arn:aws:iam::1:user/bob');
    expect(row['items{}.id']).toEqual(['i-1', 'i-2']);
    expect(row['items{}.tags{}']).toEqual(['a', 'b', 'c']);
    expect(row.ok).toBe('true');
    expect(row.n).toBe('3');
  });

  it('input= reads another field; objects come out as JSON text', async () => {
    const rows = await run('* | spath input=doc path=Statement{} output=s | table s', {
      events: [{ doc: '{"Statement":[{"Effect":"Allow"},{"Effect":"Deny"}]}' }],
    });
    expect(rows).toEqual([{ s: ['{"Effect":"Allow"}', '{"Effect":"Deny"}'] }]);
  });

  it('reads XML too: element paths and {@attribute}', async () => {
    const xml = '<Event><System><EventID>4688</EventID><Provider Name="Security"/></System></Event>';
    const [row] = await run('* | spath input=x', { events: [{ x: xml }] });
    expect(row['Event.System.EventID']).toBe('4688');
    expect(row['Event.System.Provider{@Name}']).toBe('Security');
  });

  it('XML paths take positions as the spath() function does: {N} counts from 1 in XML', async () => {
    // spath: the location path uses the same syntax for XML and JSON ("{@attribute}", "{}", "{N}");
    // in XML the N-th element counts from 1, as in the spath() eval function (test/engine/docs/text.test.ts).
    const xml = '<catalog><book id="b1"><title>Alpha</title></book><book id="b2"><title>Beta</title></book></catalog>';
    const rows = await run(
      '* | spath path=catalog.book{2}.title output=second | spath path=catalog.book{1}{@id} output=first_id | spath path=catalog.book{}.title output=all',
      { events: [{ _raw: xml }] },
    );
    expect(rows[0]).toMatchObject({ second: 'Beta', first_id: 'b1', all: ['Alpha', 'Beta'] });
  });

  it('text that is neither JSON nor XML extracts nothing', async () => {
    expect(await run('* | spath input=x path=a | table x a', { events: [{ x: 'plain' }] })).toEqual([{ x: 'plain' }]);
  });
});

describe('fromjson', () => {
  it('top-level keys become fields; arrays multivalue; nested objects stay JSON', async () => {
    // fromjson: converts a JSON object field into its top-level key/value pairs.
    const rows = await run('* | fromjson j prefix=p_ | fields - j _raw', { events: [{ j: '{"a":"x","b":[1,2],"c":{"d":1},"e":null}' }] });
    expect(rows).toEqual([{ p_a: 'x', p_b: [1, 2], p_c: '{"d":1}' }]);
  });
});

describe('xmlkv', () => {
  it('<key>value</key> becomes key=value; repeated keys become multivalue', async () => {
    // xmlkv: "if _raw contains <foo>bar</foo>, then foo=bar"
    const rows = await run('* | xmlkv | fields - _raw', { events: [{ _raw: '<r><foo>bar</foo><x a="1">1 &amp; 2</x><x>3</x><empty/></r>' }] });
    expect(rows).toEqual([{ foo: 'bar', x: ['1 & 2', '3'] }]);
  });
});

describe('makemv and mvexpand', () => {
  it('makemv splits on delim (default a space), dropping empty values', async () => {
    // makemv: "Converts a single valued field into a multivalue field by splitting the value on a simple string delimiter."
    expect(await run('* | makemv delim="," a | makemv b', { events: [{ a: 'x,,y', b: 'p q' }] })).toEqual([{ a: ['x', 'y'], b: ['p', 'q'] }]);
  });

  it('makemv tokenizer= keeps each match (its first group)', async () => {
    expect(await run('* | makemv tokenizer="(\\d+)" a', { events: [{ a: 'a1b22c333' }] })).toEqual([{ a: ['1', '22', '333'] }]);
  });

  it('mvexpand makes one event per value; single values and missing fields pass', async () => {
    // mvexpand: "Expands the values of a multivalue field into separate events, one event for each value."
    expect(await run('* | mvexpand a', { events: [{ a: ['x', 'y'], k: 1 }, { a: 'z', k: 2 }, { k: 3 }] })).toEqual([
      { a: 'x', k: 1 },
      { a: 'y', k: 1 },
      { a: 'z', k: 2 },
      { k: 3 },
    ]);
  });
});
