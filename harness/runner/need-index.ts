import { compileNeed, type RawNeed } from './prefilter.js';
import { findsCheaply, PieceFinder } from './piece-finder.js';

/**
 * The raw-text requirements of many searches over one file, checked together: the shared scan
 * (scan.ts) asks, for each event, which of the group's searches may match it. Searches over one
 * file repeat the same pieces (`EventCode=1`, `.exe`, a sourcetype's literals), so each distinct
 * requirement is tested at most once per event, and only when a search needs its answer; literal
 * pieces are found together in one pass over the event (piece-finder.ts; see `settle` for which).
 */
export class NeedIndex {
  private readonly leaves: Array<(raw: string) => boolean> = [];
  private readonly leafIds = new Map<string, number>();
  private readonly tests: Array<() => boolean> = [];
  /**
   * Tests gated by a cover (a set of pieces one of which every match holds): `gated[piece]` lists
   * the tests whose cover holds the piece; `ungated` those with no cover, asked of every event.
   * Most of a corpus's searches name a rare literal, so an event is asked only of the few searches
   * whose literals it holds (about 90 ns saved per search and event).
   */
  private readonly gated: number[][] = [];
  private readonly ungated: number[] = [];
  /** The event each test was last asked about (a test covered by two found pieces is asked once). */
  private asked: Int32Array = new Int32Array(0);
  /** The distinct pieces found in the event, in the order found. */
  private found: number[] = [];
  /** The event each leaf's cached answer belongs to, and the answer. */
  private stamp: Int32Array = new Int32Array(0);
  private answer: Uint8Array = new Uint8Array(0);
  private event = 0;
  private raw = '';
  /**
   * The pieces of the searches' covers, found together; the event each was last found in. Other
   * literal pieces are leaves of their own, looked for only in the events a gated search is asked
   * about: a common word (`user`, `system`) found in every event cost more than all the rest.
   */
  private readonly pieces: string[] = [];
  private readonly pieceIds = new Map<string, number>();
  private finder: PieceFinder | undefined;
  private pieceSeen: Int32Array = new Int32Array(0);
  /** Literal leaves, each answered by the finder when its piece is one it finds, else by a leaf of its own (settled before the first event). */
  private readonly texts: Array<{ text: string; piece: number; leaf: number }> = [];

  /** Adds one search's requirement; returns its index in `accepting`'s answer. */
  add(need: RawNeed): number {
    const id = this.tests.length;
    const pieces = cover(need);
    if (!pieces) this.ungated.push(id);
    else for (const text of pieces) (this.gated[this.pieceOf(text)] ??= []).push(id);
    this.tests.push(this.compile(need));
    this.finder = undefined;
    return id;
  }

  private pieceOf(text: string): number {
    let piece = this.pieceIds.get(text);
    if (piece === undefined) {
      piece = this.pieces.length;
      this.pieces.push(text);
      this.pieceIds.set(text, piece);
    }
    return piece;
  }

  /**
   * The finder, and each literal leaf's way of being answered. An automaton costs the same
   * whatever its pieces, so when the covers' pieces need one (too many that no anchor takes,
   * piece-finder.ts `findsCheaply`) it finds the leaves' too; otherwise the finder finds the covers'
   * only, and a leaf is looked for only in the events a search it belongs to is asked about (18 ESCU
   * searches over real Sysmon events: 16 covers' pieces and 66 leaves; the alternation over the 16
   * takes 2.6 µs an event, an automaton about 6 whatever its pieces).
   */
  private settle(): PieceFinder {
    if (!findsCheaply(this.pieces)) for (const t of this.texts) this.pieceOf(t.text);
    for (const t of this.texts) {
      t.piece = this.pieceIds.get(t.text) ?? -1;
      if (t.piece < 0 && t.leaf < 0) t.leaf = this.leafOf({ text: t.text });
    }
    this.pieceSeen = new Int32Array(this.pieces.length);
    return (this.finder = new PieceFinder([...this.pieces]));
  }

  /** For each search added, whether the event's raw text may hold a match (written into `out`); true when any may. */
  accepting(raw: string, out: Uint8Array): boolean {
    const finder = this.finder ?? this.settle();
    if (this.stamp.length < this.leaves.length) {
      this.stamp = new Int32Array(this.leaves.length);
      this.answer = new Uint8Array(this.leaves.length);
    }
    if (this.asked.length < this.tests.length) this.asked = new Int32Array(this.tests.length);
    this.raw = raw;
    // A fresh stamp per event; wrapping to 0 would match never-tested leaves.
    this.event = this.event === 0x7fffffff ? 1 : this.event + 1;
    if (this.event === 1) {
      this.stamp.fill(0);
      this.pieceSeen.fill(0);
      this.asked.fill(0);
    }
    const found = this.found;
    found.length = 0;
    if (this.pieces.length) finder.find(raw, this.onPiece);
    out.fill(0, 0, this.tests.length);
    let any = false;
    for (const i of this.ungated) if (this.ask(i, out)) any = true;
    for (const piece of found) {
      const tests = this.gated[piece];
      if (tests) for (const i of tests) if (this.ask(i, out)) any = true;
    }
    return any;
  }

  /** A piece found in the event (made once: a closure per event was garbage for every event). */
  private readonly onPiece = (piece: number): void => {
    if (this.pieceSeen[piece] !== this.event) {
      this.pieceSeen[piece] = this.event;
      this.found.push(piece);
    }
  };

  private ask(test: number, out: Uint8Array): boolean {
    if (this.asked[test] === this.event) return out[test] === 1;
    this.asked[test] = this.event;
    const yes = this.tests[test]();
    out[test] = yes ? 1 : 0;
    return yes;
  }

  get size(): number {
    return this.tests.length;
  }

  private compile(need: RawNeed): () => boolean {
    if (need === true) return () => true;
    if ('all' in need || 'any' in need) {
      const parts = ('all' in need ? need.all : need.any).map((n) => this.compile(n));
      // Plain loops: asked for every search of every event, where every()/some() made a closure each time.
      if ('all' in need) {
        return () => {
          for (let i = 0; i < parts.length; i++) if (!parts[i]()) return false;
          return true;
        };
      }
      return () => {
        for (let i = 0; i < parts.length; i++) if (parts[i]()) return true;
        return false;
      };
    }
    if ('text' in need && isAscii(need.text)) {
      const t = { text: need.text.toLowerCase(), piece: -1, leaf: -1 };
      this.texts.push(t);
      return () => (t.piece >= 0 ? this.pieceSeen[t.piece] === this.event : this.leafAnswer(t.leaf));
    }
    const leaf = this.leafOf(need);
    return () => this.leafAnswer(leaf);
  }

  private leafOf(need: Exclude<RawNeed, true>): number {
    const key = JSON.stringify(need);
    let id = this.leafIds.get(key);
    if (id === undefined) {
      id = this.leaves.length;
      this.leaves.push(compileNeed(need));
      this.leafIds.set(key, id);
    }
    return id;
  }

  /** A leaf's answer for this event, tested at most once per event. */
  private leafAnswer(leaf: number): boolean {
    if (this.stamp[leaf] !== this.event) {
      this.stamp[leaf] = this.event;
      this.answer[leaf] = this.leaves[leaf](this.raw) ? 1 : 0;
    }
    return this.answer[leaf] === 1;
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Pieces of which every raw text meeting `need` holds at least one, or undefined when there is no
 * such set: a piece for a piece, the smallest cover of a conjunction's parts (the one with the
 * longest shortest piece when they tie: a longer piece is rarer), the union of a disjunction's.
 */
function cover(need: RawNeed): string[] | undefined {
  if (need === true) return undefined;
  if ('text' in need) return isAscii(need.text) ? [need.text.toLowerCase()] : undefined;
  if ('all' in need) {
    let best: string[] | undefined;
    for (const part of need.all) {
      const c = cover(part);
      if (c && (!best || c.length < best.length || (c.length === best.length && shortest(c) > shortest(best)))) best = c;
    }
    return best;
  }
  if ('any' in need) {
    const union = new Set<string>();
    for (const part of need.any) {
      const c = cover(part);
      if (!c) return undefined;
      for (const p of c) union.add(p);
    }
    return union.size > 0 ? [...union] : undefined;
  }
  return undefined;
}

function shortest(pieces: string[]): number {
  return Math.min(...pieces.map((p) => p.length));
}
