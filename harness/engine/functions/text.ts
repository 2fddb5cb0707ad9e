/**
 * Text functions (Search Reference: "Text functions"): len, lower, upper, substr, replace,
 * trim, ltrim, rtrim, urldecode, split. Given a multivalue field, each returns the multivalue
 * of its per-value results; given null, null.
 */
import type { Scalar } from '../types.js';
import { compileRegex, RegexError } from '../regex.js';
import { eager, fromList, literalString, mapText, num, text, values } from './helpers.js';
import type { EvalFunction } from './types.js';
import { EvalError } from './types.js';

/** Characters by code point, so len() and substr() count "characters" as Splunk does, not UTF-16 units. */
function chars(s: string): string[] {
  return Array.from(s);
}

/** substr(X, Y, Z): from 1-based position Y (negative counts from the end), Z characters. */
function substr(s: string, start: number, length: number | undefined): string {
  const cs = chars(s);
  let from = start > 0 ? start - 1 : start < 0 ? Math.max(cs.length + start, 0) : 0;
  from = Math.min(from, cs.length);
  const to = length === undefined ? cs.length : Math.max(from, Math.min(cs.length, from + Math.max(0, length)));
  return cs.slice(from, to).join('');
}

/**
 * trim(X, Y): remove any of the characters in Y from both ends; default "spaces and tabs".
 */
function trimmer(side: 'both' | 'left' | 'right'): EvalFunction {
  const name = side === 'both' ? 'trim' : side === 'left' ? 'ltrim' : 'rtrim';
  return eager(name, 1, 2, ([x, y]) => {
    const set = y === undefined ? ' \t' : text(y);
    if (set === null) return null;
    return mapText(x, (s) => {
      let a = 0;
      let b = s.length;
      if (side !== 'right') while (a < b && set.includes(s[a])) a++;
      if (side !== 'left') while (b > a && set.includes(s[b - 1])) b--;
      return s.slice(a, b);
    });
  });
}

/**
 * A PCRE replacement string in JS form: `\1`..`\9` are backreferences (`\0` the whole match), `$` is literal
 * (Splunk's replace() uses backslash-number references: "\\2/\\1").
 */
export function pcreReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '\\' && i + 1 < replacement.length) {
      const next = replacement[i + 1];
      if (/\d/.test(next)) {
        // \0 is the whole match; \1..\9 the groups.
        out += next === '0' ? '$&' : '$' + next;
        i++;
        continue;
      }
      out += next === '$' ? '$$' : next;
      i++;
      continue;
    }
    out += ch === '$' ? '$$' : ch;
  }
  return out;
}

/** replace(X, REGEX, REPLACEMENT): every match of the PCRE REGEX replaced. */
const replace: EvalFunction = {
  name: 'replace',
  minArgs: 3,
  maxArgs: 3,
  compile([x, regexArg, replacementArg], nodes, span) {
    const literal = literalString(nodes[1]);
    let fixed: RegExp | undefined;
    if (literal !== undefined) {
      try {
        fixed = compileRegex(literal, 'g');
      } catch (err) {
        if (err instanceof RegexError) throw new EvalError(`invalid regex in replace(): ${err.message}`, span);
        throw err;
      }
    }
    return (e, c) => {
      const v = x(e, c);
      if (v === null) return null;
      const rep = text(replacementArg(e, c));
      if (rep === null) return null;
      let re = fixed;
      if (!re) {
        const p = text(regexArg(e, c));
        if (p === null) return null;
        try {
          re = compileRegex(p, 'g');
        } catch {
          return null;
        }
      }
      const jsRep = pcreReplacement(rep);
      const r = re;
      return mapText(v, (s) => s.replace(r, jsRep));
    };
  },
};

/** Decode %XX escapes as UTF-8; an invalid sequence is kept as written. */
export function urldecode(s: string): string {
  return s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Decode byte by byte, keeping what is not valid UTF-8 as written.
      return run.replace(/%[0-9a-fA-F]{2}/g, (b) => {
        const code = parseInt(b.slice(1), 16);
        return code < 0x80 ? String.fromCharCode(code) : b;
      });
    }
  });
}

/** split(X, DELIM): the multivalue of the pieces; an empty DELIM splits into characters. */
const split = eager('split', 2, 2, ([x, d]) => {
  if (x === null) return null;
  const delim = text(d);
  if (delim === null) return null;
  const out: Scalar[] = [];
  for (const v of values(x)) {
    const s = text(v) ?? '';
    if (delim === '') out.push(...chars(s));
    else out.push(...s.split(delim));
  }
  return fromList(out);
});

export const textFunctions: EvalFunction[] = [
  eager('len', 1, 1, ([x]) => mapText(x, (s) => chars(s).length)),
  eager('lower', 1, 1, ([x]) => mapText(x, (s) => s.toLowerCase())),
  eager('upper', 1, 1, ([x]) => mapText(x, (s) => s.toUpperCase())),
  eager('substr', 2, 3, ([x, y, z]) => {
    const start = num(y);
    const length = z === undefined ? undefined : num(z);
    if (start === null || length === null) return null;
    return mapText(x, (s) => substr(s, Math.trunc(start), length === undefined ? undefined : Math.trunc(length)));
  }),
  replace,
  trimmer('both'),
  trimmer('left'),
  trimmer('right'),
  eager('urldecode', 1, 1, ([x]) => mapText(x, urldecode)),
  split,
];
