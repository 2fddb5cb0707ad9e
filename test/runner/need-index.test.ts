import { describe, expect, it } from 'vitest';
import { NeedIndex } from '../../harness/runner/need-index.js';
import { compileNeed, type RawNeed } from '../../harness/runner/prefilter.js';
import { Channel } from '../../harness/runner/channel.js';
import { PieceFinder } from '../../harness/runner/piece-finder.js';
import type { Event } from '../../harness/engine/types.js';

/** need-index.ts answers, for many requirements at once, exactly what each one's own test answers. */
describe('NeedIndex', () => {
  const forms = [{ element: 'EventID' }];
  const needs: RawNeed[] = [
    true,
    { text: 'winrs.exe' },
    { all: [{ number: '1', forms }, { text: 'winrs.exe' }] },
    {
      any: [
        { number: '1', forms },
        { number: '3', forms },
      ],
    },
    { all: [{ number: '1', forms }, { any: [{ text: '-r:' }, { text: '-remote:' }] }] },
    { integer: '4688' },
  ];
  const raws = [
    '<Event><System><EventID>1</EventID></System><Data>C:\\winrs.exe -r:host</Data></Event>',
    '<Event><System><EventID>3</EventID></System><Data>WINRS.EXE</Data></Event>',
    '<Event><System><EventID>11</EventID></System><Data>-remote: 4688</Data></Event>',
    'nothing here',
  ];

  it('agrees with each requirement tested alone, event after event', () => {
    const index = new NeedIndex();
    for (const n of needs) index.add(n);
    const out = new Uint8Array(needs.length);
    for (const raw of [...raws, ...raws.reverse()]) {
      index.accepting(raw, out);
      expect([...out]).toEqual(needs.map((n) => (n === true || compileNeed(n)(raw) ? 1 : 0)));
    }
  });

  it('agrees too when its pieces are many (all found by the automaton) or few (covers only), with searches gated by common words', () => {
    // Covers: `winrs.exe` gates the first; the second's cover is `-remote:` or `system`; the third has none.
    const gatedOnCommon: RawNeed[] = [
      { all: [{ text: 'winrs.exe' }, { text: 'system' }] },
      { all: [{ any: [{ text: '-remote:' }, { text: 'system' }] }, { text: 'event' }] },
      { any: [{ number: '3', forms }, { text: 'data' }] },
    ];
    const many: RawNeed[] = Array.from({ length: 70 }, (_, i) => ({ text: `rare-piece-${i}` }));
    for (const set of [gatedOnCommon, [...gatedOnCommon, ...many]]) {
      const all = [...needs, ...set];
      const index = new NeedIndex();
      for (const n of all) index.add(n);
      const out = new Uint8Array(all.length);
      for (const raw of [...raws, ...raws.reverse(), '<Event>rare-piece-7 SYSTEM</Event>']) {
        index.accepting(raw, out);
        expect([...out]).toEqual(all.map((n) => (n === true || compileNeed(n)(raw) ? 1 : 0)));
      }
    }
  });
});

describe('PieceFinder', () => {
  it('finds a piece that only occurs as the start of a longer one, and one inside another', () => {
    for (const strategy of ['alternation', 'automaton', 'anchored'] as const) {
      const finder = new PieceFinder(['ab', 'abcd', 'bc', 'zz'], strategy);
      const found = new Set<number>();
      finder.find('xABCDx', (i) => found.add(i));
      expect([...found].sort()).toEqual([0, 1, 2]);
    }
  });

  it('finds pieces ending alike from their common ending, where two endings overlap too', () => {
    const pieces = ['xab.k', 'yab.k', 'zab.k', 'ab.k', 'k-ba', 'wk-ba', 'vk-ba', 'uk-ba', 'q'];
    for (const strategy of ['alternation', 'automaton', 'anchored'] as const) {
      const found = new Set<number>();
      new PieceFinder(pieces, strategy).find('Q.XAB.K-BA', (i) => found.add(i));
      expect([...found].sort()).toEqual([0, 3, 4, 8]);
    }
  });

  it('finds the pieces a case-insensitive regex (no u flag) finds, overlapping and nested ones included, every way', () => {
    // A small deterministic generator: texts and pieces over a tiny alphabet, so that pieces overlap.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = ['a', 'B', 'b', '.', '-', ':', 'é', 'K', 'k', '\u212a', ' '];
    const word = (len: number) => Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('');
    for (let round = 0; round < 50; round++) {
      // Half the rounds also hold pieces ending alike (anchored: found from their common ending),
      // and texts that hold a piece, its case changed at random.
      const endings = ['ab.k', 'k-ba'];
      const pieces = [
        ...new Set(
          Array.from({ length: 12 }, (_, i) =>
            (round % 2 && i % 3 ? word(1 + rand(3)) + endings[i % 2] : word(1 + rand(4))).replace(/[é\u212a ]/g, 'a').toLowerCase(),
          ),
        ),
      ];
      const finders = (['alternation', 'automaton', 'anchored'] as const).map((strategy) => new PieceFinder(pieces, strategy));
      const recase = (p: string) => [...p].map((c) => (rand(2) ? c.toUpperCase() : c)).join('');
      for (let t = 0; t < 60; t++) {
        const text = word(rand(20)) + (t % 2 === 0 ? recase(pieces[rand(pieces.length)]) : '') + word(rand(20));
        const finder = finders[t % 3];
        const found = new Set<number>();
        finder.find(text, (i) => found.add(i));
        const expected = pieces.flatMap((p, i) =>
          new RegExp(
            p.replace(/[.\-:]/g, (c) => `\\${c}`),
            'i',
          ).test(text)
            ? [i]
            : [],
        );
        expect([...found].sort((a, b) => a - b)).toEqual(expected);
      }
    }
  });
});

describe('Channel', () => {
  const ev = (n: number): Event => ({ n: String(n) });

  it('hands the consumer what was pushed, and drained() waits until it has taken it', async () => {
    const c = new Channel();
    const seen: string[] = [];
    const consumer = (async () => {
      for await (const e of c.events()) seen.push(e.n as string);
    })();
    c.push(ev(1));
    c.push(ev(2));
    expect(seen).toEqual([]);
    await c.drained();
    expect(seen).toEqual(['1', '2']);
    c.push(ev(3));
    c.end();
    await consumer;
    expect(seen).toEqual(['1', '2', '3']);
  });

  it('a consumer that stops early closes it: later pushes are dropped and drained() does not wait', async () => {
    const c = new Channel();
    const consumer = (async () => {
      for await (const e of c.events()) if (e.n === '1') break;
    })();
    c.push(ev(1));
    await c.drained();
    await consumer;
    expect(c.closed).toBe(true);
    c.push(ev(2));
    await c.drained();
  });

  it('close() ends a consumer that is waiting for more', async () => {
    const c = new Channel();
    let n = 0;
    const consumer = (async () => {
      for await (const _ of c.events()) n++;
    })();
    c.push(ev(1));
    await c.drained();
    c.close();
    await consumer;
    expect(n).toBe(1);
  });
});
