/**
 * A static check for regular expressions whose backtracking is exponential: a loop that can split
 * the same text between its iterations in many ways, followed by something that can fail.
 * JavaScript's RegExp cannot be interrupted, so such a match would run until the test's budget
 * stops the worker; Splunk's PCRE stops it at `limits.conf [rex] match_limit` and reports an
 * error. The check recognises two shapes, and only those (it errs towards letting a pattern
 * through; the test budget remains the backstop):
 *
 * 1. an unbounded loop (`*`, `+`, `{n,}`) whose body, in one of its alternatives, is a single
 *    freely repeating item with everything else optional: `(a+)+`, `(a*)*`, `(\w+\s?)+`,
 *    `(?:x?\d+)*`, `((ab)+)+`. A run of that item can be cut into iterations in 2^n ways.
 * 2. an unbounded loop over an alternation in which two alternatives are single characters from
 *    overlapping sets: `(a|a)*`, `(\w|\d)+`, `(.|\s)*`. Each character can be taken by either.
 *
 * Either counts only when something after the loop can fail (a required item, an anchor, a
 * lookaround): a loop at the very end of a pattern succeeds at its first try and never
 * backtracks. The check reads the JavaScript source made by translatePcre (regex.ts); a PCRE
 * pattern with atomic groups or possessive quantifiers, which stop backtracking in Splunk but
 * are read as plain groups here, is not checked.
 */

/** Characters as a set: the ASCII range by code, everything beyond as one member. */
class CharSet {
  readonly ascii = new Uint8Array(128);
  other = false;

  static of(...codes: number[]): CharSet {
    const s = new CharSet();
    for (const c of codes) s.add(c);
    return s;
  }

  add(code: number): void {
    if (code < 128) this.ascii[code] = 1;
    else this.other = true;
  }

  addRange(from: number, to: number): void {
    for (let c = from; c <= to && c < 128; c++) this.ascii[c] = 1;
    if (to >= 128) this.other = true;
  }

  addSet(s: CharSet): void {
    for (let c = 0; c < 128; c++) if (s.ascii[c]) this.ascii[c] = 1;
    if (s.other) this.other = true;
  }

  negated(): CharSet {
    const s = new CharSet();
    for (let c = 0; c < 128; c++) s.ascii[c] = this.ascii[c] ? 0 : 1;
    // Some character beyond ASCII is outside any class written with ASCII members and escapes.
    s.other = true;
    return s;
  }

  caseFolded(): CharSet {
    const s = new CharSet();
    s.addSet(this);
    for (let c = 65; c <= 90; c++) if (this.ascii[c] || this.ascii[c + 32]) s.ascii[c] = s.ascii[c + 32] = 1;
    return s;
  }

  overlaps(s: CharSet): boolean {
    for (let c = 0; c < 128; c++) if (this.ascii[c] && s.ascii[c]) return true;
    return this.other && s.other;
  }
}

const DIGIT = (() => {
  const s = new CharSet();
  s.addRange(48, 57);
  return s;
})();
const WORD = (() => {
  const s = new CharSet();
  s.addRange(48, 57);
  s.addRange(65, 90);
  s.addRange(97, 122);
  s.add(95);
  return s;
})();
const SPACE = (() => {
  const s = CharSet.of(32);
  s.addRange(9, 13);
  s.other = true; // Unicode spaces
  return s;
})();

type Node =
  | { kind: 'char'; set: CharSet }
  | { kind: 'assert' } // ^ $ \b \B, lookarounds: match nothing, may fail
  | { kind: 'backref' }
  | { kind: 'group'; alternatives: Node[][]; source: string }
  | { kind: 'loop'; body: Node; min: number; max: number; source: string };

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {}

  parse(): Node[][] {
    const alts = this.alternatives();
    return alts;
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.src.length) {
      const c = this.src[this.i];
      if (c === ')') break;
      if (c === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const start = this.i;
      const atom = this.atom();
      alts[alts.length - 1].push(this.quantified(atom, start));
    }
    return alts;
  }

  private quantified(atom: Node, start: number): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: the same paths, tried in another order
    return this.quantified({ kind: 'loop', body: atom, min, max, source: this.src.slice(start, this.i) }, start);
  }

  private atom(): Node {
    const c = this.src[this.i];
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape(false) as Node;
    this.i++;
    if (c === '^' || c === '$') return { kind: 'assert' };
    if (c === '.') {
      const dot = CharSet.of(10, 13).negated();
      if (this.dotAll) dot.ascii[10] = dot.ascii[13] = 1;
      return { kind: 'char', set: dot };
    }
    return this.char(c.charCodeAt(0));
  }

  private char(code: number): Node {
    const set = CharSet.of(code);
    return { kind: 'char', set: this.ignoreCase ? set.caseFolded() : set };
  }

  private group(): Node {
    const start = this.i;
    this.i++;
    let lookaround = false;
    if (this.src[this.i] === '?') {
      const m = /^\?(:|=|!|<=|<!|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(this.src.slice(this.i));
      if (!m) throw new Error('unknown group');
      lookaround = m[1] !== ':' && !m[1].startsWith('<') ? true : m[1] === '<=' || m[1] === '<!';
      this.i += m[0].length;
    }
    const alternatives = this.alternatives();
    this.i++; // ')'
    return lookaround ? { kind: 'assert' } : { kind: 'group', alternatives, source: this.src.slice(start, this.i) };
  }

  /** An escape at this.i; inside a class only a character set (or undefined for \b = backspace). */
  private escape(inClass: boolean): Node | CharSet {
    const d = this.src[this.i + 1];
    this.i += 2;
    const set = (s: CharSet): Node | CharSet => (inClass ? s : { kind: 'char', set: s });
    switch (d) {
      case 'd':
        return set(DIGIT);
      case 'D':
        return set(DIGIT.negated());
      case 'w':
        return set(WORD);
      case 'W':
        return set(WORD.negated());
      case 's':
        return set(SPACE);
      case 'S':
        return set(SPACE.negated());
      case 'b':
        return inClass ? CharSet.of(8) : { kind: 'assert' };
      case 'B':
        return { kind: 'assert' };
      case 'k': {
        const end = this.src.indexOf('>', this.i);
        this.i = end + 1;
        return { kind: 'backref' };
      }
      case 'u':
      case 'x': {
        const len = d === 'u' ? 4 : 2;
        const code = parseInt(this.src.slice(this.i, this.i + len), 16);
        this.i += len;
        return inClass ? CharSet.of(code) : this.char(code);
      }
      case 'c': {
        const code = this.src.charCodeAt(this.i) % 32;
        this.i++;
        return inClass ? CharSet.of(code) : this.char(code);
      }
      default: {
        if (/[1-9]/.test(d) && !inClass) {
          while (/\d/.test(this.src[this.i] ?? '')) this.i++;
          return { kind: 'backref' };
        }
        const code = ({ n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 } as Record<string, number>)[d] ?? d.charCodeAt(0);
        return inClass ? CharSet.of(code) : this.char(code);
      }
    }
  }

  private classMember(): CharSet {
    if (this.src[this.i] === '\\') return this.escape(true) as CharSet;
    return CharSet.of(this.src.charCodeAt(this.i++));
  }

  private charClass(): Node {
    this.i++;
    const negate = this.src[this.i] === '^';
    if (negate) this.i++;
    const set = new CharSet();
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      const single = this.src[this.i] !== '\\' || /[^dDwWsS]/.test(this.src[this.i + 1]);
      const from = this.classMember();
      if (single && this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        const to = this.classMember();
        const lo = from.ascii.indexOf(1);
        const hiAscii = to.ascii.lastIndexOf(1);
        if (lo >= 0) set.addRange(lo, to.other && hiAscii < 0 ? 0x10ffff : hiAscii);
        if (from.other || to.other) set.other = true;
        continue;
      }
      set.addSet(from);
    }
    this.i++; // ']'
    const folded = this.ignoreCase ? set.caseFolded() : set;
    return { kind: 'char', set: negate ? folded.negated() : folded };
  }
}

function nullable(node: Node): boolean {
  switch (node.kind) {
    case 'char':
      return false;
    case 'assert':
      return true;
    case 'backref':
      return false; // unknown text: treated as required, so it never makes a loop look free
    case 'group':
      return node.alternatives.some((alt) => alt.every(nullable));
    case 'loop':
      return node.min === 0 || nullable(node.body);
  }
}

/** Whether matching this may fail (so a loop before it would be backtracked into). */
function canFail(node: Node): boolean {
  switch (node.kind) {
    case 'char':
    case 'assert':
    case 'backref':
      return true;
    case 'group':
      return node.alternatives.every((alt) => alt.some(canFail));
    case 'loop':
      return node.min > 0 && canFail(node.body);
  }
}

/** Whether the node can match one non-empty piece of text as any number of repetitions of itself. */
function repeatsFreely(node: Node): boolean {
  if (node.kind === 'loop') return node.max === Infinity && hasChar(node.body);
  if (node.kind === 'group') return node.alternatives.some(splits);
  return false;
}

function hasChar(node: Node): boolean {
  if (node.kind === 'char' || node.kind === 'backref') return true;
  if (node.kind === 'group') return node.alternatives.some((a) => a.some(hasChar));
  if (node.kind === 'loop') return hasChar(node.body);
  return false;
}

/** One freely repeating item, every other item optional: the sequence can match a run of that item any way. */
function splits(seq: Node[]): boolean {
  return seq.some((item, i) => repeatsFreely(item) && seq.every((other, j) => j === i || nullable(other)));
}

/** Two alternatives that are each one character, from overlapping sets. */
function overlappingChoice(group: Node): boolean {
  if (group.kind !== 'group') return false;
  const singles = group.alternatives.filter((a) => a.length === 1 && a[0].kind === 'char').map((a) => (a[0] as { set: CharSet }).set);
  for (let i = 0; i < singles.length; i++) for (let j = i + 1; j < singles.length; j++) if (singles[i].overlaps(singles[j])) return true;
  return false;
}

/** The first loop that backtracks exponentially, given whether what follows `seq` can fail. */
function findInSequence(seq: Node[], tailCanFail: boolean): string | undefined {
  for (let i = 0; i < seq.length; i++) {
    const after = tailCanFail || seq.slice(i + 1).some(canFail);
    const found = findInNode(seq[i], after);
    if (found) return found;
  }
  return undefined;
}

function findInNode(node: Node, tailCanFail: boolean): string | undefined {
  if (node.kind === 'group') {
    for (const alt of node.alternatives) {
      const found = findInSequence(alt, tailCanFail);
      if (found) return found;
    }
    return undefined;
  }
  if (node.kind !== 'loop') return undefined;
  if (tailCanFail && node.max === Infinity) {
    const body = node.body;
    if ((body.kind === 'group' && (body.alternatives.some(splits) || overlappingChoice(body))) || (body.kind === 'loop' && repeatsFreely(body)))
      return node.source;
  }
  // A failing next iteration only ends the loop: inside it, what can fail is what follows it.
  return findInNode(node.body, tailCanFail);
}

/**
 * The part of a JavaScript regex source (as translatePcre makes it) that backtracks
 * exponentially, or undefined. A source this reader does not follow is let through.
 */
export function exponentialBacktracking(source: string, flags: string): string | undefined {
  let alternatives: Node[][];
  try {
    alternatives = new Parser(source, flags.includes('i'), flags.includes('s')).parse();
  } catch {
    return undefined;
  }
  for (const alt of alternatives) {
    const found = findInSequence(alt, false);
    if (found) return found;
  }
  return undefined;
}
