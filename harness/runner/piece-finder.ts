/**
 * Which of many literal pieces occur in a text, ignoring ASCII case, in one pass over the text
 * (an Aho-Corasick automaton). The shared scan asks this of every event for the hundreds of
 * pieces its searches' pre-filters name (`winrs.exe`, `-remote:`, ...): one pass instead of one
 * search per piece. Case is folded as a case-insensitive JavaScript regex without the `u` flag
 * folds it, A-Z to a-z and nothing else; pieces hold only ASCII characters (prefilter.ts cuts
 * them so), and any other character of the text is one no piece can span.
 */
export class PieceFinder {
  /** Character code (below 128, case folded) → its class; 0: in no piece. */
  private readonly classOf = new Uint8Array(128);
  private readonly width: number;
  /** state × class → next state. */
  private readonly next: Int32Array;
  /** The piece that ends at a state, or -1; and the next state along the failure links where one ends. */
  private readonly ends: Int32Array;
  private readonly moreEnds: Int32Array;

  constructor(readonly pieces: readonly string[]) {
    let classes = 0;
    for (const piece of pieces) {
      for (let i = 0; i < piece.length; i++) {
        const c = fold(piece.charCodeAt(i));
        if (c >= 128) throw new Error(`piece-finder: a piece with a character beyond ASCII: ${piece}`);
        if (this.classOf[c] === 0) this.classOf[c] = ++classes;
      }
    }
    for (let c = 65; c <= 90; c++) this.classOf[c] = this.classOf[c + 32];
    this.width = classes + 1;

    // The trie of the pieces.
    const children: Array<Map<number, number>> = [new Map()];
    const endsAt: number[] = [-1];
    pieces.forEach((piece, id) => {
      let s = 0;
      for (let i = 0; i < piece.length; i++) {
        const k = this.classOf[fold(piece.charCodeAt(i))];
        let t = children[s].get(k);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          endsAt.push(-1);
          children[s].set(k, t);
        }
        s = t;
      }
      // Equal pieces: the first one stands for all (callers give distinct pieces).
      if (endsAt[s] === -1) endsAt[s] = id;
    });

    // Failure links breadth first; every state gets a move for every class.
    const states = children.length;
    this.next = new Int32Array(states * this.width);
    this.ends = Int32Array.from(endsAt);
    this.moreEnds = new Int32Array(states).fill(-1);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let k = 1; k < this.width; k++) {
      const t = children[0].get(k);
      if (t !== undefined) {
        this.next[k] = t;
        queue.push(t);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      const f = fail[s];
      this.moreEnds[s] = this.ends[f] !== -1 ? f : this.moreEnds[f];
      for (let k = 1; k < this.width; k++) {
        const t = children[s].get(k);
        if (t === undefined) this.next[s * this.width + k] = this.next[f * this.width + k];
        else {
          fail[t] = this.next[f * this.width + k];
          this.next[s * this.width + k] = t;
          queue.push(t);
        }
      }
    }
  }

  /** Calls `found` with the index of each piece that occurs in `text` (possibly more than once). */
  find(text: string, found: (piece: number) => void): void {
    const { classOf, next, ends, moreEnds, width } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const k = c < 128 ? classOf[c] : 0;
      if (k === 0) {
        s = 0;
        continue;
      }
      s = next[s * width + k];
      for (let e = ends[s] !== -1 ? s : moreEnds[s]; e > 0; e = moreEnds[e]) found(ends[e]);
    }
  }
}

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
