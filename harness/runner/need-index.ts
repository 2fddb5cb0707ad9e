import { compileNeed, type RawNeed } from './prefilter.js';
import { PieceFinder } from './piece-finder.js';

/**
 * The raw-text requirements of many searches over one file, checked together: the shared scan
 * (scan.ts) asks, for each event, which of the group's searches may match it. Searches over one
 * file repeat the same pieces (`EventCode=1`, `.exe`, a sourcetype's literals), so each distinct
 * requirement is tested at most once per event, and only when a search needs its answer; the
 * literal pieces of all of them are found in one pass over the event (piece-finder.ts).
 */
export class NeedIndex {
  private readonly leaves: Array<(raw: string) => boolean> = [];
  private readonly leafIds = new Map<string, number>();
  private readonly tests: Array<() => boolean> = [];
  /** The event each leaf's cached answer belongs to, and the answer. */
  private stamp: Int32Array = new Int32Array(0);
  private answer: Uint8Array = new Uint8Array(0);
  private event = 0;
  private raw = '';
  /** Literal pieces (`{ text }` requirements), found together; the event each was last found in. */
  private readonly pieces: string[] = [];
  private readonly pieceIds = new Map<string, number>();
  private finder: PieceFinder | undefined;
  private pieceSeen: Int32Array = new Int32Array(0);

  /** Adds one search's requirement; returns its index in `accepting`'s answer. */
  add(need: RawNeed): number {
    this.tests.push(this.compile(need));
    return this.tests.length - 1;
  }

  /** For each search added, whether the event's raw text may hold a match (written into `out`); true when any may. */
  accepting(raw: string, out: Uint8Array): boolean {
    if (this.stamp.length < this.leaves.length) {
      this.stamp = new Int32Array(this.leaves.length);
      this.answer = new Uint8Array(this.leaves.length);
    }
    this.raw = raw;
    // A fresh stamp per event; wrapping to 0 would match never-tested leaves.
    this.event = this.event === 0x7fffffff ? 1 : this.event + 1;
    if (this.event === 1) {
      this.stamp.fill(0);
      this.pieceSeen.fill(0);
    }
    if (this.pieces.length) {
      if (!this.finder || this.finder.pieces.length !== this.pieces.length) {
        this.finder = new PieceFinder([...this.pieces]);
        this.pieceSeen = new Int32Array(this.pieces.length);
      }
      const seen = this.pieceSeen;
      const event = this.event;
      this.finder.find(raw, (piece) => (seen[piece] = event));
    }
    let any = false;
    for (let i = 0; i < this.tests.length; i++) {
      const yes = this.tests[i]();
      out[i] = yes ? 1 : 0;
      any ||= yes;
    }
    return any;
  }

  get size(): number {
    return this.tests.length;
  }

  private compile(need: RawNeed): () => boolean {
    if (need === true) return () => true;
    if ('all' in need || 'any' in need) {
      const parts = ('all' in need ? need.all : need.any).map((n) => this.compile(n));
      if ('all' in need) return () => parts.every((p) => p());
      return () => parts.some((p) => p());
    }
    if ('text' in need && isAscii(need.text)) {
      const text = need.text.toLowerCase();
      let piece = this.pieceIds.get(text);
      if (piece === undefined) {
        piece = this.pieces.length;
        this.pieces.push(text);
        this.pieceIds.set(text, piece);
      }
      const at = piece;
      return () => this.pieceSeen[at] === this.event;
    }
    const key = JSON.stringify(need);
    let id = this.leafIds.get(key);
    if (id === undefined) {
      id = this.leaves.length;
      this.leaves.push(compileNeed(need));
      this.leafIds.set(key, id);
    }
    const leaf = id;
    return () => {
      if (this.stamp[leaf] !== this.event) {
        this.stamp[leaf] = this.event;
        this.answer[leaf] = this.leaves[leaf](this.raw) ? 1 : 0;
      }
      return this.answer[leaf] === 1;
    };
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
