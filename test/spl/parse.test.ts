import { describe, expect, it } from 'vitest';
import { parseEvalExpression, parseSearch, parseSearchExpression } from '../../harness/spl/parse.js';
import type { Command, EvalExpr, SearchExpr } from '../../harness/spl/ast.js';

/** The AST without spans, for comparing shapes. */
const shape = (x: unknown): unknown =>
  JSON.parse(JSON.stringify(x, (k, v) => (k === 'span' && typeof v === 'object' && v !== null && 'start' in v ? undefined : v)));

/** A compact rendering of a search expression tree, to state precedence in one line. */
function tree(e: SearchExpr | null): string {
  if (!e) return '∅';
  switch (e.type) {
    case 'and':
      return `and(${e.items.map(tree).join(', ')})`;
    case 'or':
      return `or(${e.items.map(tree).join(', ')})`;
    case 'not':
      return `not(${tree(e.expr)})`;
    case 'compare':
      return `${e.field}${e.op}${e.value.text}`;
    case 'in':
      return `${e.field} in [${e.values.map((v) => v.text).join(',')}]`;
    case 'term':
      return e.value.text;
    case 'subsearch':
      return `[${e.pipeline.commands.map((c) => c.name).join('|')}]`;
  }
}

function evalTree(e: EvalExpr | null): string {
  if (!e) return '∅';
  switch (e.type) {
    case 'binary':
      return `(${evalTree(e.left)} ${e.op} ${evalTree(e.right)})`;
    case 'unary':
      return `(${e.op} ${evalTree(e.expr)})`;
    case 'call':
      return `${e.name}(${e.args.map(evalTree).join(', ')})`;
    case 'in':
      return `(${evalTree(e.expr)} IN [${e.list.map(evalTree).join(', ')}])`;
    case 'field':
      return e.name;
    case 'string':
      return JSON.stringify(e.value);
    case 'number':
      return e.raw;
  }
}

const searchTree = (text: string) => {
  const r = parseSearchExpression(text);
  expect(r.errors).toEqual([]);
  return tree(r.expr);
};
const evalOf = (text: string) => {
  const r = parseEvalExpression(text);
  expect(r.errors).toEqual([]);
  return evalTree(r.expr);
};
const commands = (text: string): Command[] => {
  const r = parseSearch(text);
  expect(r.errors).toEqual([]);
  return r.pipeline.commands;
};

describe('search expression precedence', () => {
  // Search Manual, "Boolean expressions": "The search command evaluates OR before AND
  // operators"; "A=1 AND B=2 OR C=3 ... is processed as A=1 AND ( B=2 OR C=3 )".
  it('binds OR tighter than the implicit AND', () => {
    expect(searchTree('a b OR c')).toBe('and(a, or(b, c))');
    expect(searchTree('A=1 AND B=2 OR C=3')).toBe('and(A=1, or(B=2, C=3))');
    expect(searchTree('A=1 B=2 OR C=3')).toBe('and(A=1, or(B=2, C=3))');
  });
  // Same page: "The NOT operator only applies to the term immediately following NOT";
  // "error NOT 403 OR 404" is error AND (NOT 403 OR 404).
  it('applies NOT to the next term only', () => {
    expect(searchTree('error NOT 403 OR 404')).toBe('and(error, or(not(403), 404))');
    expect(searchTree('error NOT (403 OR 404)')).toBe('and(error, not(or(403, 404)))');
  });
  it('groups with parentheses', () => {
    expect(searchTree('(A=1 AND B=2) OR C=3')).toBe('or(and(A=1, B=2), C=3)');
  });
  // "The operators must be capitalized": a lower-case or is a term.
  it('treats lower-case or/and/not as terms', () => {
    expect(searchTree('a or b')).toBe('and(a, or, b)');
  });
  it('keeps a comma inside a bare term', () => {
    expect(shape(parseSearchExpression('foo,bar x').expr)).toEqual({
      type: 'and',
      items: [
        { type: 'term', value: { text: 'foo,bar', quoted: false } },
        { type: 'term', value: { text: 'x', quoted: false } },
      ],
    });
  });
  it('reads comparisons, IN lists, and spaces around =', () => {
    expect(searchTree('x!=1 y<=2 z>3 user IN ("a", b,c)')).toBe('and(x!=1, y<=2, z>3, user in [a,b,c])');
    expect(searchTree('dest = host1')).toBe('dest=host1');
    expect(searchTree('x=*')).toBe('x=*');
  });
  it('keeps = and > inside a value and balanced parentheses inside it', () => {
    expect(searchTree('CommandLine=*a=b>c*')).toBe('CommandLine=*a=b>c*');
    expect(searchTree('(p=*GetCurrent()* OR q=1)')).toBe('or(p=*GetCurrent()*, q=1)');
  });
  // Search Manual, "Use CASE() and TERM() to match phrases".
  it('reads TERM() and CASE() as one term with its directive', () => {
    const r = parseSearchExpression('index=unix TERM(sudoedit) CASE("Error X")');
    expect(shape(r.expr)).toEqual({
      type: 'and',
      items: [
        { type: 'compare', field: 'index', op: '=', value: { text: 'unix', quoted: false } },
        { type: 'term', value: { text: 'sudoedit', quoted: false }, directive: 'TERM' },
        { type: 'term', value: { text: 'Error X', quoted: true }, directive: 'CASE' },
      ],
    });
  });
  it('reads a subsearch that opens with a generating command without its pipe', () => {
    const [s] = commands('x [ mstats avg(cpu) where index=m ] [ inputlookup l ]');
    expect(tree((s as { expr: SearchExpr }).expr)).toBe('and(x, [mstats], [inputlookup])');
    expect(tree(parseSearchExpression('[ foo bar ]').expr)).toBe('[search]');
  });
  it('reads dotted and JSON-path field names', () => {
    expect(searchTree('Processes.process_name=cmd.exe requestParameters.x{}.y=1')).toBe('and(Processes.process_name=cmd.exe, requestParameters.x{}.y=1)');
  });
});

describe('quoting and escapes', () => {
  // Search Manual, "When to escape characters": the backslash escapes quotes, pipes and itself.
  it('resolves \\\\ and \\" inside quotes and keeps wildcards', () => {
    const r = parseSearchExpression('Processes.process_path="*\\\\Windows\\\\*" msg="say \\"hi\\""');
    expect(shape(r.expr)).toEqual({
      type: 'and',
      items: [
        { type: 'compare', field: 'Processes.process_path', op: '=', value: { text: '*\\Windows\\*', quoted: true } },
        { type: 'compare', field: 'msg', op: '=', value: { text: 'say "hi"', quoted: true } },
      ],
    });
  });
  it('keeps other backslash sequences as written', () => {
    expect(searchTree('path="C:\\Windows\\System32"')).toBe('path=C:\\Windows\\System32');
  });
  it('reads a pipe inside quotes as text, not a command break', () => {
    const cmds = commands('search x="a|b" | head 1');
    expect(cmds.map((c) => c.name)).toEqual(['search', 'head']);
  });
  it('reads single-quoted field names in eval', () => {
    expect(evalOf("'Processes.dest' . \"-\" . 'x y'")).toBe('((Processes.dest . "-") . x y)');
  });
});

describe('eval expressions', () => {
  // Search Manual, "Boolean expressions": eval and where evaluate NOT, then AND, then OR.
  it('binds AND tighter than OR, NOT tighter than AND', () => {
    expect(evalOf('a=1 OR b=2 AND c=3')).toBe('((a = 1) OR ((b = 2) AND (c = 3)))');
    expect(evalOf('NOT a=1 AND b=2')).toBe('((NOT (a = 1)) AND (b = 2))');
  });
  it('orders arithmetic above comparison and concatenation with +', () => {
    expect(evalOf('a + b * c > 2')).toBe('((a + (b * c)) > 2)');
    expect(evalOf('-x - 1')).toBe('((- x) - 1)');
    expect(evalOf('a . b.c')).toBe('((a . b) . c)'); // the period always concatenates: the field b.c is written 'b.c'
  });
  it('reads calls, IN, LIKE and the in() function', () => {
    expect(evalOf('if(match(x, "^a\\\\d"), 1, null())')).toBe('if(match(x, "^a\\\\d"), 1, null())'); // JSON form of the value ^a\d
    expect(evalOf('x IN ("a", "b") AND y LIKE "%z"')).toBe('((x IN ["a", "b"]) AND (y LIKE "%z"))');
    expect(evalOf('in(x, "a")')).toBe('in(x, "a")');
  });
});

describe('commands', () => {
  it('starts with an implicit search, or a generating command after |', () => {
    expect(commands('index=main x').map((c) => c.cmd)).toEqual(['search']);
    expect(commands('search index=main').map((c) => c.cmd)).toEqual(['search']);
    expect(commands('| tstats count').map((c) => c.cmd)).toEqual(['tstats']);
  });
  it('reads tstats with options, datamodel, where (search precedence), by and span', () => {
    const [t] = commands(
      '| tstats summariesonly=true count min(_time) as firstTime from datamodel=Endpoint.Processes where a=1 b=2 OR c=3 by Processes.dest _time span=1h',
    );
    expect(t.cmd).toBe('tstats');
    if (t.cmd !== 'tstats') return;
    expect(t.options).toEqual({ summariesonly: 'true' });
    expect(t.datamodel).toBe('Endpoint.Processes');
    expect(tree(t.where)).toBe('and(a=1, or(b=2, c=3))');
    expect(t.by).toEqual(['Processes.dest', '_time']);
    expect(t.timeSpan).toBe('1h');
    expect(t.aggregations.map((a) => a.as)).toEqual(['count', 'firstTime']);
  });
  it('keeps reading tstats by-fields after a span= between them', () => {
    // tstats: "by <field-list> [span=<timespan>]"; ESCU writes `by _time span=1h Processes.dest ...`.
    const [t] = commands('| tstats count from datamodel=Endpoint.Registry by _time span=1h Registry.dest Registry.user');
    if (t.cmd !== 'tstats') throw new Error('expected tstats');
    expect(t.by).toEqual(['_time', 'Registry.dest', 'Registry.user']);
    expect(t.timeSpan).toBe('1h');
    expect(t.aggregations.map((a) => a.as)).toEqual(['count']);
  });
  it('reads a comma after span= as a by-field separator', () => {
    // Field lists take commas or spaces; ESCU writes `by _time span=1h, Filesystem.dest`.
    const [t] = commands('| tstats count from datamodel=Endpoint.Filesystem where Filesystem.action=created by _time span=1h, Filesystem.dest');
    if (t.cmd !== 'tstats') throw new Error('expected tstats');
    expect(t.by).toEqual(['_time', 'Filesystem.dest']);
    expect(t.timeSpan).toBe('1h');
  });
  it('takes the tstats nodename from a top-level where term', () => {
    const [t] = commands('| tstats count from datamodel=Network_Resolution where nodename=DNS DNS.reply_code!="NoError" by DNS.src');
    expect(shape(t)).toMatchObject({ cmd: 'tstats', datamodel: 'Network_Resolution', nodename: 'DNS' });
  });
  // stats reference: without AS, the output field is named after the function call as written.
  it('names stats aggregations as Splunk does by default', () => {
    const [s] = commands('| stats count values(process) dc(user) count(eval(x>1)) max(_time) as lastTime by dest, user');
    if (s.cmd !== 'stats') throw new Error('not stats');
    expect(s.aggregations.map((a) => a.as)).toEqual(['count', 'values(process)', 'dc(user)', 'count(eval(x>1))', 'lastTime']);
    expect(s.aggregations[3].evalArg?.type).toBe('binary');
    expect(s.by).toEqual(['dest', 'user']);
  });
  // rename reference: wildcards in both names, e.g. rename "Processes.*" AS *.
  it('keeps wildcards in rename and reads AS in any case', () => {
    const [r] = commands('| rename "Processes.*" AS *, foo* as bar*');
    expect(shape(r)).toMatchObject({
      cmd: 'rename',
      renames: [
        { from: 'Processes.*', to: '*' },
        { from: 'foo*', to: 'bar*' },
      ],
    });
  });
  it('reads rex, regex, lookup, convert, fields, table, dedup, sort, head, fillnull, bin', () => {
    const cmds = commands(
      '| rex field=a max_match=0 "(?<n>\\\\d+)" | regex process!="x\\\\.exe" | lookup l a AS b OUTPUTNEW c AS d, e ' +
        '| convert timeformat="%Y" ctime(firstTime) AS t | fields - _raw, x | table a b | dedup 2 a sortby -_time ' +
        '| sort 0 - count, num(x) | head 5 | fillnull value=NULL a b | bucket _time span=1h',
    );
    expect(shape(cmds[0])).toMatchObject({ cmd: 'rex', field: 'a', maxMatch: 0, regex: '(?<n>\\d+)' });
    expect(shape(cmds[1])).toMatchObject({ cmd: 'regex', field: 'process', negated: true, regex: 'x\\.exe' });
    expect(shape(cmds[2])).toMatchObject({
      cmd: 'lookup',
      lookup: 'l',
      inputs: [{ from: 'a', to: 'b' }],
      outputMode: 'OUTPUTNEW',
      outputs: [
        { from: 'c', to: 'd' },
        { from: 'e', to: 'e' },
      ],
    });
    expect(shape(cmds[3])).toMatchObject({ cmd: 'convert', timeformat: '%Y', conversions: [{ func: 'ctime', field: 'firstTime', as: 't' }] });
    expect(shape(cmds[4])).toMatchObject({ cmd: 'fields', name: 'fields', remove: true, fields: ['_raw', 'x'] });
    expect(shape(cmds[5])).toMatchObject({ cmd: 'fields', name: 'table', remove: false, fields: ['a', 'b'] });
    expect(shape(cmds[6])).toMatchObject({ cmd: 'dedup', count: 2, fields: ['a'], sortby: [{ field: '_time', desc: true }] });
    expect(shape(cmds[7])).toMatchObject({
      cmd: 'sort',
      limit: 0,
      keys: [
        { field: 'count', desc: true },
        { field: 'x', desc: false, as: 'num' },
      ],
    });
    expect(shape(cmds[8])).toMatchObject({ cmd: 'head', count: 5 });
    expect(shape(cmds[9])).toMatchObject({ cmd: 'fillnull', value: 'NULL', fields: ['a', 'b'] });
    expect(shape(cmds[10])).toMatchObject({ cmd: 'bin', name: 'bucket', field: '_time', options: { span: '1h' } });
  });
  // One case per remaining typed command, with the argument forms the ESCU corpus uses.
  it.each([
    ['| from datamodel Risk.All_Risk', { cmd: 'from', datamodel: 'Risk.All_Risk', dataset: 'datamodel:Risk.All_Risk' }],
    ['| from datamodel:Endpoint.Processes', { cmd: 'from', datamodel: 'Endpoint.Processes' }],
    [
      '| inputlookup append=t my.csv where user=a*',
      { cmd: 'inputlookup', lookup: 'my.csv', options: { append: 't' }, where: { type: 'compare', field: 'user' } },
    ],
    ['| outputlookup create_empty=false out.csv', { cmd: 'outputlookup', lookup: 'out.csv', options: { create_empty: 'false' } }],
    ['| spath input=x output=y path=a{}.b', { cmd: 'spath', input: 'x', output: 'y', path: 'a{}.b' }],
    ['| spath requestParameters.name', { cmd: 'spath', path: 'requestParameters.name' }],
    ['| makemv delim="," allowempty=true users', { cmd: 'makemv', field: 'users', delim: ',', options: { allowempty: 'true' } }],
    ['| mvexpand user limit=5', { cmd: 'mvexpand', field: 'user', limit: 5 }],
    ['| xmlkv UserData_Xml', { cmd: 'xmlkv', field: 'UserData_Xml' }],
    [
      '| transaction user maxspan=30m startswith=(EventCode=4720) endswith="x"',
      { cmd: 'transaction', fields: ['user'], options: { maxspan: '30m', startswith: '(EventCode=4720)', endswith: 'x' } },
    ],
    ['| replace "::ffff:*" with * in src, dest', { cmd: 'replace', replacements: [{ from: '::ffff:*', to: '*' }], fields: ['src', 'dest'] }],
    [
      '| foreach * [ eval <<FIELD>> = if(<<FIELD>>="null",null(),<<FIELD>>)]',
      { cmd: 'foreach', fields: ['*'], template: 'eval <<FIELD>> = if(<<FIELD>>="null",null(),<<FIELD>>)' },
    ],
    ['| fromjson body prefix=b_', { cmd: 'fromjson', field: 'body', options: { prefix: 'b_' } }],
    ['| iplocation prefix=src_ src', { cmd: 'iplocation', field: 'src', options: { prefix: 'src_' } }],
    ['| makeresults count=3', { cmd: 'makeresults', options: { count: '3' } }],
    ['| timechart span=1h count by host', { cmd: 'timechart', options: { span: '1h' }, aggregations: [{ func: 'count', as: 'count' }], by: ['host'] }],
    ['| addtotals fieldname=total a b', { cmd: 'addtotals', options: { fieldname: 'total' }, fields: ['a', 'b'] }],
    [
      '| streamstats current=f window=2 last(x) as prev by host',
      { cmd: 'stats', name: 'streamstats', options: { current: 'f', window: '2' }, aggregations: [{ func: 'last', field: 'x', as: 'prev' }] },
    ],
    ['| tail 3', { cmd: 'head', name: 'tail', count: 3 }],
    ['| where x LIKE "a%"', { cmd: 'where', expr: { type: 'binary', op: 'LIKE' } }],
  ])('reads %s', (text, expected) => {
    expect(shape(commands(text)[0])).toMatchObject(expected);
  });
  it('reads subsearches in search, join, append and appendpipe', () => {
    const cmds = commands('x [search y | fields user] | join type=left user [| inputlookup l.csv where a=1] | append [search z] | appendpipe [stats count]');
    expect(tree((cmds[0] as { expr: SearchExpr }).expr)).toBe('and(x, [search|fields])');
    expect(shape(cmds[1])).toMatchObject({
      cmd: 'join',
      options: { type: 'left' },
      fields: ['user'],
      subsearch: { commands: [{ cmd: 'inputlookup', lookup: 'l.csv' }] },
    });
    expect(shape(cmds[2])).toMatchObject({ cmd: 'append', subsearch: { commands: [{ cmd: 'search' }] } });
    expect(shape(cmds[3])).toMatchObject({ cmd: 'appendpipe', subsearch: { commands: [{ cmd: 'stats' }] } });
  });
  it('skips ```comments``` anywhere', () => {
    const cmds = commands('index=x ```a | comment``` y | ```another``` stats count ```end```');
    expect(cmds.map((c) => c.cmd)).toEqual(['search', 'stats']);
    expect(tree((cmds[0] as { expr: SearchExpr }).expr)).toBe('and(index=x, y)');
  });
  it('keeps an unknown command as a generic one with its tokens', () => {
    const [, g] = commands('search x | mstats avg(cpu) WHERE index=m by host');
    expect(shape(g)).toMatchObject({ cmd: 'generic', name: 'mstats', args: ['avg', '(', 'cpu', ')', 'WHERE', 'index', '=', 'm', 'by', 'host'] });
  });
  it('reads eval assignments, including names an expression could not hold', () => {
    const [e] = commands("| eval a=1, 'b c'=a+1, cpu:mem=x/y");
    if (e.cmd !== 'eval') throw new Error('not eval');
    expect(e.assignments.map((a) => a.field)).toEqual(['a', 'b c', 'cpu:mem']);
  });
});

describe('positioned errors', () => {
  it('reports an unterminated string at its opening quote', () => {
    const text = 'search x="abc | head 1';
    const r = parseSearch(text);
    expect(r.errors.map((e) => e.message)).toContain('unterminated string: missing closing "');
    expect(r.errors[0].span.start).toBe(text.indexOf('"'));
  });
  it('reports an unclosed subsearch bracket at the bracket', () => {
    const text = 'search x [search y | head 1';
    const r = parseSearch(text);
    expect(r.errors).toEqual([{ message: "unclosed '[': missing ']'", span: { start: text.indexOf('['), end: text.indexOf('[') + 1 } }]);
  });
  it('reports a stray ] and a missing )', () => {
    expect(parseSearch('search x ] | head 1').errors[0]).toMatchObject({ message: "unexpected ']': no matching '['", span: { start: 9 } });
    const r = parseSearch('search (a OR b');
    expect(r.errors[0]).toMatchObject({ message: "unbalanced '(': missing ')'", span: { start: 7, end: 8 } });
  });
  it('reports a bad eval expression and keeps the rest of the pipeline', () => {
    const text = 'search x | eval y=if(a, | stats count';
    const r = parseSearch(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^eval: expected an expression/);
    expect(r.pipeline.commands.map((c) => c.cmd)).toEqual(['search', 'generic', 'stats']);
  });
  it('reports an empty command after a pipe', () => {
    expect(parseSearch('search x | | head 1').errors[0]).toMatchObject({ message: "expected a command after '|'", span: { start: 9 } });
  });
  it('never throws on arbitrary input', () => {
    for (const bad of ['"', '[', ']', '(', ')', '|', '```', "eval '", 'eval x=', '| tstats from', 'rename a', 'where (', 'x IN (', '`m(`', '\\']) {
      expect(() => parseSearch(bad)).not.toThrow();
      expect(() => parseSearch(`| ${bad}`)).not.toThrow();
      expect(() => parseEvalExpression(bad)).not.toThrow();
      expect(() => parseSearchExpression(bad)).not.toThrow();
    }
  });
});
