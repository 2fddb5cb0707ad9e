import { describe, expect, it } from 'vitest';
import { expandMacros } from '../../harness/spl/expand.js';
import { compileDetectionSearch } from '../../harness/spl/index.js';
import type { Content, Macro, YamlFile } from '../../harness/content/types.js';

function file(relPath: string, text = ''): YamlFile {
  return { path: `/x/${relPath}`, relPath, text, data: {}, locate: () => ({ line: 1, column: 1 }), locateKey: () => ({ line: 1, column: 1 }) };
}

function macros(defs: Array<[name: string, definition: string, args?: string[]]>): Map<string, Macro> {
  const m = new Map<string, Macro>();
  for (const [name, definition, args = []] of defs) {
    m.set(args.length ? `${name}(${args.length})` : name, { file: file(`macros/${name}.yml`), name, definition, arguments: args });
  }
  return m;
}

describe('expandMacros', () => {
  // Search Manual, "Use search macros": a macro with arguments is called as name(arg, ...) and
  // its definition refers to each argument as $arg$.
  it('substitutes $arg$ and expands nested macros', () => {
    const ms = macros([
      ['outer', '`inner(a)` x=$v$', ['v']],
      ['inner', 'y=$w$', ['w']],
    ]);
    const e = expandMacros('search `outer(1)` z', ms);
    expect(e.errors).toEqual([]);
    expect(e.text).toBe('search y=a x=1 z');
    expect(e.used).toEqual(['outer(1)', 'inner(1)']);
  });
  it('strips the quotes around a quoted argument', () => {
    const e = expandMacros('| `drop_dm_object_name("Processes")`', new Map());
    expect(e.text).toBe('| rename "Processes.*" as *');
    expect(e.used).toEqual(['drop_dm_object_name(1)']);
  });
  it('defaults an undefined *_filter macro to search *, unless told not to', () => {
    expect(expandMacros('x | `my_detection_filter`', new Map()).text).toBe('x | search *');
    const strict = expandMacros('x | `my_detection_filter`', new Map(), { detectionFilterDefault: false });
    expect(strict.errors.map((x) => x.message)).toEqual(['unknown macro `my_detection_filter`']);
  });
  it('reports an unknown macro at its call', () => {
    const text = 'search a | `nope` | head 1';
    const e = expandMacros(text, new Map());
    const call = { start: text.indexOf('`'), end: text.indexOf('`') + 6 };
    expect(e.errors).toEqual([{ message: 'unknown macro `nope`', span: call, expandedSpan: call }]);
  });
  it('reports a wrong arity', () => {
    const e = expandMacros('`m(1, 2)`', macros([['m', '$a$', ['a']]]));
    expect(e.errors[0].message).toBe('macro `m` takes 1 argument but is called with 2');
  });
  it('detects cycles and points into the macro that closes them', () => {
    const ms = macros([
      ['a', 'x `b`'],
      ['b', 'y `a`'],
    ]);
    const e = expandMacros('search `a`', ms);
    expect(e.errors).toHaveLength(1);
    expect(e.errors[0]).toMatchObject({
      message: 'macro cycle: `a` → `b` → `a`',
      span: { start: 7, end: 10 },
      inMacro: 'b',
      macroFile: 'macros/b.yml',
      macroOffset: 2,
    });
  });
  it('maps expanded offsets back to the macro definition and the call site', () => {
    const ms = macros([['m', 'index=main foo']]);
    const text = 'search `m` bar';
    const e = expandMacros(text, ms);
    expect(e.text).toBe('search index=main foo bar');
    expect(e.origin(e.text.indexOf('foo'))).toEqual({ inMacro: 'm', macroFile: 'macros/m.yml', offset: 11, callStart: 7 });
    expect(e.origin(e.text.indexOf('bar'))).toEqual({ offset: text.indexOf('bar'), callStart: text.indexOf('bar') });
  });
  it('treats a backtick that does not open a call as text', () => {
    const e = expandMacros('eval n=mvcount(split(p,"`")) | `f_filter`', new Map());
    expect(e.text).toBe('eval n=mvcount(split(p,"`")) | search *');
  });
  it('leaves ```comments``` alone', () => {
    expect(expandMacros('a ```not `a` macro``` b', new Map()).text).toBe('a ```not `a` macro``` b');
  });
});

describe('compileDetectionSearch', () => {
  const content = (ms: Map<string, Macro>): Content => ({
    root: '/x',
    detections: [],
    macros: ms,
    stories: new Map(),
    dataSources: new Map(),
    lookups: new Map(),
    baselines: [],
    loadFindings: [],
  });
  it('positions a parse error inside a macro at its call and in the macro', () => {
    const ms = macros([['bad', 'eval x=(1']]);
    const r = compileDetectionSearch('search a\n| `bad` | head 1', content(ms));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 2, column: 3, inMacro: 'bad', macroFile: 'macros/bad.yml' });
  });
  it('reports an unknown macro once, not again as a parse error', () => {
    const r = compileDetectionSearch('search a | `nope` | head 1', content(new Map()));
    expect(r.errors.map((e) => e.message)).toEqual(['unknown macro `nope`']);
  });
  it('reports an unterminated macro call as a stray backtick', () => {
    const r = compileDetectionSearch('search a `oops | head 1', content(new Map()));
    expect(r.errors).toEqual([{ message: "unexpected '`': a macro call that was not expanded", line: 1, column: 10 }]);
  });
  it('positions an error in the detection text by line and column', () => {
    const r = compileDetectionSearch('search a\n| rename x y', content(new Map()));
    expect(r.errors[0]).toMatchObject({ message: "rename: expected AS after 'x' but found 'y'", line: 2, column: 12 });
    expect(r.pipeline.commands.map((c) => c.cmd)).toEqual(['search', 'generic']);
  });
});
