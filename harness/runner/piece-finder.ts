import { escapeRegex } from '../common/text.js';

/**
 * Which of many literal pieces occur in a text, ignoring ASCII case. The shared scan asks this of
 * every event for the pieces its searches' pre-filters name (`winrs.exe`, `-remote:`, ...): one
 * pass instead of one search per piece. Case is folded as a case-insensitive JavaScript regex
 * without the `u` flag folds it, A-Z to a-z and nothing else; pieces hold only ASCII characters
 * (prefilter.ts cuts them so), and any other character of the text is one no piece can span.
 *
 * Three ways, one answer:
 * - few pieces: one regex alternation, longest first, run natively; it skips ahead to candidates
 *   (0.4 µs for 2 pieces on a 1.6 KB Sysmon event, where the automaton walks every character in 6.5);
 * - many: an Aho-Corasick automaton, whose cost does not grow with the pieces (1,432 pieces of 831
 *   searches: 10 µs an event, the alternation 28, before its tables were laid out for its step).
 *   On 1.6 KB Sysmon events the two cross at about 40 pieces (32 pieces: automaton 6.3 µs, alternation
 *   5.7; 40: 5.6 against 8.5);
 * - anchored: pieces that end alike are found from where their common ending occurs. Most pieces
 *   of detection searches are program names (`certutil.exe`, `net1.exe`), and `.exe` is found
 *   natively at a fraction of the cost of any of them; at each occurrence a trie of the pieces
 *   read backwards says which end there. The other pieces are found one of the two ways above.
 *   46 pieces, 40 of them ending in `.exe`: 2.3 µs an event, the automaton 6.0.
 */
export const MOST_FOR_ALTERNATION = 40;

/** The length of a shared ending, and how many pieces must share one for it to be an anchor. */
const ANCHOR_LENGTH = 4;
const LEAST_ANCHORED = 4;

export type Strategy = 'alternation' | 'automaton' | 'anchored';

export class PieceFinder {
  /** Calls `found` with the index of each piece that occurs in `text` (possibly more than once). */
  readonly find: (text: string, found: (piece: number) => void) => void;

  constructor(
    readonly pieces: readonly string[],
    strategy: Strategy = anchorsOf(pieces).size > 0 ? 'anchored' : plainStrategy(pieces.length),
  ) {
    for (const piece of pieces) {
      for (let i = 0; i < piece.length; i++) {
        if (fold(piece.charCodeAt(i)) >= 128) throw new Error(`piece-finder: a piece with a character beyond ASCII: ${piece}`);
      }
    }
    this.find = strategy === 'anchored' ? anchoredFinder(pieces) : strategy === 'alternation' ? alternationFinder(pieces) : new Automaton(pieces).find;
  }
}

/**
 * Whether these pieces are found at the cost of a few: the pieces no anchor takes are few enough
 * for the alternation. Otherwise the automaton finds them, and more pieces cost it nothing more.
 */
export function findsCheaply(pieces: readonly string[]): boolean {
  const anchors = anchorsOf(pieces);
  return pieces.filter((p) => !anchors.has(endingOf(p))).length <= MOST_FOR_ALTERNATION;
}

function plainStrategy(count: number): Strategy {
  return count <= MOST_FOR_ALTERNATION ? 'alternation' : 'automaton';
}

const endingOf = (piece: string): string => (piece.length >= ANCHOR_LENGTH ? piece.slice(-ANCHOR_LENGTH).toLowerCase() : '');

/** The endings that at least LEAST_ANCHORED pieces share. */
function anchorsOf(pieces: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const p of pieces) {
    const e = endingOf(p);
    if (e) counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= LEAST_ANCHORED).map(([e]) => e));
}

/** A trie of pieces read backwards from their anchor: each node's pieces end where the walk started. */
interface BackNode {
  next: Map<number, BackNode>;
  ids: number[];
}

/**
 * Each occurrence of an anchor (a native alternation of the anchors, resumed one character after
 * each start so that overlapping ones are seen) walks its trie backwards over the text; the other
 * pieces are found by their own finder.
 */
function anchoredFinder(pieces: readonly string[]): (text: string, found: (piece: number) => void) => void {
  const anchors = anchorsOf(pieces);
  if (anchors.size === 0) return new PieceFinder(pieces, plainStrategy(pieces.length)).find;
  const tries = new Map<string, BackNode>([...anchors].map((a) => [a, { next: new Map(), ids: [] }]));
  const rest: number[] = [];
  pieces.forEach((piece, id) => {
    const trie = tries.get(endingOf(piece));
    if (!trie) return void rest.push(id);
    let node: BackNode = trie;
    for (let i = piece.length - ANCHOR_LENGTH - 1; i >= 0; i--) {
      const c = fold(piece.charCodeAt(i));
      let child: BackNode | undefined = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), ids: [] }));
      node = child;
    }
    node.ids.push(id);
  });
  const anchorRe = new RegExp([...anchors].map(escapeRegex).join('|'), 'gi');
  const others = rest.length
    ? new PieceFinder(
        rest.map((id) => pieces[id]),
        plainStrategy(rest.length),
      )
    : undefined;
  // One anchor (`.exe`) is the usual case: its trie without a lookup per occurrence.
  const only = tries.size === 1 ? [...tries.values()][0] : undefined;
  // The other finder reports through one function made once, not a closure per text.
  let report: (piece: number) => void = () => {};
  const relay = (k: number) => report(rest[k]);
  return (text, found) => {
    anchorRe.lastIndex = 0;
    for (let m = anchorRe.exec(text); m; m = anchorRe.exec(text)) {
      let node: BackNode | undefined = only ?? tries.get(m[0].toLowerCase())!;
      for (let i = m.index - 1; node; i--) {
        for (const id of node.ids) found(id);
        node = i >= 0 ? node.next.get(fold(text.charCodeAt(i))) : undefined;
      }
      anchorRe.lastIndex = m.index + 1;
    }
    if (others) {
      report = found;
      others.find(text, relay);
    }
  };
}

/**
 * At each position the alternation matches the longest piece that starts there (longest first);
 * every other piece starting there is a prefix of it, so each piece carries the list of the pieces
 * that are its prefixes. Resuming one character after each match start finds the pieces that
 * start inside a match.
 */
function alternationFinder(pieces: readonly string[]): (text: string, found: (piece: number) => void) => void {
  if (pieces.length === 0) return () => {};
  const ids = new Map<string, number>();
  pieces.forEach((p, i) => {
    // Equal pieces: the first one stands for all (callers give distinct pieces).
    if (!ids.has(p.toLowerCase())) ids.set(p.toLowerCase(), i);
  });
  const distinct = [...ids.keys()];
  const prefixes = new Map(distinct.map((p) => [p, distinct.filter((q) => q !== p && p.startsWith(q)).map((q) => ids.get(q)!)]));
  const byLength = [...distinct].sort((a, b) => b.length - a.length);
  const re = new RegExp(byLength.map(escapeRegex).join('|'), 'gi');
  return (text, found) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const piece = m[0].toLowerCase();
      found(ids.get(piece)!);
      for (const q of prefixes.get(piece)!) found(q);
      re.lastIndex = m.index + 1;
    }
  };
}

/**
 * The automaton: one table step per character of the text. Its tables are laid out for that step
 * alone: a class for every UTF-16 code unit (0 for those in no piece), states numbered by their row
 * offset in the move table (no multiplication per step), and a flag per row telling whether a piece
 * ends there (the failure chain is walked only then). 0.65× the time of a plain table (46 pieces
 * over real Sysmon events).
 */
class Automaton {
  /** Code unit → its class (case folded); 0: in no piece. */
  private readonly classOf = new Uint8Array(65536);
  /** log2 of a row's width (a power of two, at least the classes plus one). */
  private readonly shift: number;
  /** row offset + class → the next state's row offset. */
  private readonly next: Int32Array;
  /** At a row offset: 1 when a piece ends at that state or along its failure links. */
  private readonly ending: Uint8Array;
  /** By state number: the piece that ends there, or -1; the next state along the failure links where one ends. */
  private readonly ends: Int32Array;
  private readonly moreEnds: Int32Array;

  constructor(pieces: readonly string[]) {
    let classes = 0;
    for (const piece of pieces) {
      for (let i = 0; i < piece.length; i++) {
        const c = fold(piece.charCodeAt(i));
        if (this.classOf[c] === 0) this.classOf[c] = ++classes;
      }
    }
    for (let c = 65; c <= 90; c++) this.classOf[c] = this.classOf[c + 32];
    let shift = 0;
    while (1 << shift < classes + 1) shift++;
    this.shift = shift;
    const width = 1 << shift;

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

    // Failure links breadth first; every state gets a move for every class (class 0 goes back to the root).
    const states = children.length;
    const next = new Int32Array(states * width);
    this.ends = Int32Array.from(endsAt);
    this.moreEnds = new Int32Array(states).fill(-1);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let k = 1; k < width; k++) {
      const t = children[0].get(k);
      if (t !== undefined) {
        next[k] = t;
        queue.push(t);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      const f = fail[s];
      this.moreEnds[s] = this.ends[f] !== -1 ? f : this.moreEnds[f];
      for (let k = 1; k < width; k++) {
        const t = children[s].get(k);
        if (t === undefined) next[s * width + k] = next[f * width + k];
        else {
          fail[t] = next[f * width + k];
          next[s * width + k] = t;
          queue.push(t);
        }
      }
    }
    for (let i = 0; i < next.length; i++) next[i] <<= shift;
    this.next = next;
    this.ending = new Uint8Array(states * width);
    for (let s = 0; s < states; s++) if (this.ends[s] !== -1 || this.moreEnds[s] > 0) this.ending[s << shift] = 1;
  }

  find = (text: string, found: (piece: number) => void): void => {
    const { classOf, next, ending, ends, moreEnds, shift } = this;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      row = next[row + classOf[text.charCodeAt(i)]];
      if (ending[row] === 0) continue;
      const s = row >> shift;
      for (let e = ends[s] !== -1 ? s : moreEnds[s]; e > 0; e = moreEnds[e]) found(ends[e]);
    }
  };
}

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
