/**
 * PCRE (what Splunk's match(), replace(), rex and regex use) translated to JavaScript RegExp.
 *
 * Handled: inline flags `(?i)` `(?s)` `(?m)` `(?x)` (at the start, or anywhere: JS has no scoped
 * flags before Node 23, so a flag set mid-pattern applies to the whole pattern), scoped flag
 * groups `(?i:...)` (flag applied to the whole pattern), `(?P<name>...)`, `(?P=name)`,
 * `\k{name}`, `\g{N}`, `\Q...\E`, possessive quantifiers (`a++` read as greedy `a+`), atomic
 * groups `(?>...)` (read as non-capturing), `\A`, `\z`, `\Z`, `\h`, `\H`, `\R`, `\x{HHHH}`,
 * POSIX classes (`[[:alpha:]]`), `(?#comments)` and extended-mode whitespace.
 * Unsupported constructs (`\K`, recursion, conditionals, callouts) give a `RegexError`.
 */

import { escapeRegex } from '../common/text.js';

export { escapeRegex };

export class RegexError extends Error {
  constructor(
    message: string,
    public readonly pattern: string,
    public readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} at offset ${offset}`);
    this.name = 'RegexError';
  }
}

export interface TranslatedRegex {
  source: string;
  flags: string;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

/** Translate a PCRE pattern to a JS source and flags. Throws RegexError on unsupported syntax. */
export function translatePcre(pattern: string, baseFlags = ''): TranslatedRegex {
  const flags = new Set(baseFlags.split('').filter(Boolean));
  let out = '';
  let i = 0;
  let inClass = false;
  // Whether the last emitted token was a quantifier (so a following `+` makes it possessive).
  let afterQuantifier = false;
  // Offsets in `out` of the `$` anchors emitted (see the end of the loop).
  const dollars: number[] = [];
  const n = pattern.length;
  const fail = (msg: string, at: number): never => {
    throw new RegexError(msg, pattern, at);
  };
  while (i < n) {
    const c = pattern[i];
    const quantified = afterQuantifier;
    afterQuantifier = false;
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined) fail('pattern ends with a backslash', i);
      if (d === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = pattern.slice(i + 2, end < 0 ? n : end);
        out += inClass ? literal.replace(/[\]\\^-]/g, '\\$&') : escapeRegex(literal);
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (d === 'E') {
        i += 2;
        continue;
      }
      if (!inClass) {
        if (d === 'A') {
          out += '(?<![\\s\\S])';
          i += 2;
          continue;
        }
        if (d === 'z') {
          out += '(?![\\s\\S])';
          i += 2;
          continue;
        }
        if (d === 'Z') {
          out += '(?=\\n?(?![\\s\\S]))';
          i += 2;
          continue;
        }
        if (d === 'R') {
          out += '(?:\\r\\n|\\n|\\r)';
          i += 2;
          continue;
        }
        if (d === 'G') {
          i += 2;
          continue;
        }
        if (d === 'K') fail('\\K is not supported', i);
        if (d === 'g') {
          const m = /^\\g\{?(-?\d+)\}?/.exec(pattern.slice(i));
          if (!m || m[1].startsWith('-')) fail('unsupported \\g reference', i);
          out += '\\' + m![1];
          i += m![0].length;
          continue;
        }
        if (d === 'k' && (pattern[i + 2] === '{' || pattern[i + 2] === "'")) {
          const close = pattern[i + 2] === '{' ? '}' : "'";
          const end = pattern.indexOf(close, i + 3);
          if (end < 0) fail('unterminated \\k reference', i);
          out += `\\k<${pattern.slice(i + 3, end)}>`;
          i = end + 1;
          continue;
        }
      }
      if (d === 'h') {
        out += inClass ? ' \\t' : '[ \\t]';
        i += 2;
        continue;
      }
      if (d === 'H' && !inClass) {
        out += '[^ \\t]';
        i += 2;
        continue;
      }
      if (d === 'x' && pattern[i + 2] === '{') {
        const end = pattern.indexOf('}', i + 3);
        if (end < 0) fail('unterminated \\x{...}', i);
        const code = parseInt(pattern.slice(i + 3, end), 16);
        if (Number.isNaN(code) || code > 0xffff) fail('unsupported \\x{...} code point', i);
        out += '\\u' + code.toString(16).padStart(4, '0');
        i = end + 1;
        continue;
      }
      out += c + d;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
        if (m && POSIX_CLASSES[m[2]] !== undefined) {
          if (m[1]) fail('negated POSIX classes are not supported', i);
          out += POSIX_CLASSES[m[2]];
          i += m[0].length;
          continue;
        }
      }
      if (c === '[') {
        out += '\\[';
        i++;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      // A `]` right after `[` or `[^` is a literal in PCRE.
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (flags.has('x') && /\s/.test(c)) {
      i++;
      continue;
    }
    if (flags.has('x') && c === '#') {
      while (i < n && pattern[i] !== '\n') i++;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('#')) {
        const end = pattern.indexOf(')', i);
        i = end < 0 ? n : end + 1;
        continue;
      }
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 4;
        continue;
      }
      if (rest.startsWith('P=')) {
        const end = pattern.indexOf(')', i);
        if (end < 0) fail('unterminated (?P=name)', i);
        out += `\\k<${pattern.slice(i + 4, end)}>`;
        i = end + 1;
        continue;
      }
      if (rest.startsWith('>')) {
        out += '(?:';
        i += 3;
        continue;
      }
      if (rest.startsWith('|')) fail('branch reset groups are not supported', i);
      if (/^(?:R|\d|\+|&|P>|\(|C)/.test(rest)) fail('recursion, conditionals and callouts are not supported', i);
      // Inline flags: `(?i)`, `(?-i)`, `(?is)`, or a scoped `(?i:...)`.
      const m = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([):])/.exec(rest);
      if (m && (m[1] || m[2] !== undefined) && !/^[<=!]/.test(rest)) {
        for (const f of m[1]) addFlag(flags, f, fail, i);
        for (const f of m[2] ?? '') if (f !== 'x') flags.delete(f === 's' ? 's' : f);
        if (m[3] === ')') {
          i += 2 + m[0].length;
        } else {
          out += '(?:';
          i += 2 + m[0].length;
        }
        continue;
      }
    }
    // Possessive quantifiers: `x*+`, `x++`, `x?+`, `x{n}+` read as their greedy forms.
    if (quantified && c === '+') {
      i++;
      continue;
    }
    if (quantified && c === '?') {
      out += c;
      i++;
      continue;
    }
    afterQuantifier = c === '*' || c === '+' || c === '?' || (c === '}' && /\{\d+(?:,\d*)?$/.test(out));
    if (c === '$') dollars.push(out.length);
    out += c;
    i++;
  }
  if (inClass) fail('unterminated character class', n);
  // PCRE's `$` (without multiline) also matches before a final newline; JS's only at the very
  // end. The flags are known only now, as `(?m)` may appear anywhere.
  if (!flags.has('m')) {
    for (const at of dollars.reverse()) out = out.slice(0, at) + '(?=\\n?(?![\\s\\S]))' + out.slice(at + 1);
  }
  const jsFlags = [...flags]
    .filter((f) => 'imsu'.includes(f))
    .sort()
    .join('');
  return { source: out, flags: jsFlags };
}

function addFlag(flags: Set<string>, f: string, fail: (msg: string, at: number) => never, at: number): void {
  if (f === 'i' || f === 'm' || f === 's' || f === 'x') flags.add(f);
  else if (f === 'U' || f === 'J') fail(`inline flag (?${f}) is not supported`, at);
  // Other PCRE option letters do not change matching here.
}

const cache = new Map<string, RegExp>();

/**
 * Compile a PCRE pattern once (cached by pattern and flags). `extraFlags` adds JS flags such as
 * `g`. Throws RegexError with the pattern and offset for a malformed or unsupported pattern.
 * A global or sticky regex carries `lastIndex` state, so callers get their own copy of those;
 * stateless ones are shared.
 */
export function compileRegex(pattern: string, extraFlags = ''): RegExp {
  const key = extraFlags + '\u0000' + pattern;
  let re = cache.get(key);
  if (!re) {
    const t = translatePcre(pattern);
    try {
      re = new RegExp(t.source, [...new Set((t.flags + extraFlags).split(''))].join(''));
    } catch (err) {
      throw new RegexError(`invalid regular expression: ${(err as Error).message}`, pattern);
    }
    if (cache.size > 5000) cache.clear();
    cache.set(key, re);
  }
  return re.global || re.sticky ? new RegExp(re) : re;
}

/** Names of the named capture groups of a pattern, in order (`(?<name>` and `(?P<name>`). */
export function namedGroups(pattern: string): string[] {
  const { source } = translatePcre(pattern);
  const names: string[] = [];
  const re = /\\.|\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g;
  for (let m = re.exec(source); m; m = re.exec(source)) if (m[1]) names.push(m[1]);
  return names;
}
