/**
 * sed expressions for `rex mode=sed` (Splunk: "s/<regex>/<replacement>/<flags>" where flags are
 * g to replace all matches or a number to replace a specified match; "y/<string1>/<string2>/"
 * substitutes characters). Back-references `\1` in the replacement refer to groups.
 */
import { compileRegex } from '../../regex.js';

/** Splits `s/a/b/g` at unescaped delimiters (the character after `s` or `y`). */
function splitSed(expr: string): { op: string; parts: string[] } {
  const op = expr[0];
  const delim = expr[1];
  if ((op !== 's' && op !== 'y') || !delim) throw new Error(`rex mode=sed: expected s/…/…/ or y/…/…/, got ${JSON.stringify(expr)}`);
  const parts: string[] = [];
  let cur = '';
  for (let i = 2; i < expr.length; i++) {
    const c = expr[i];
    if (c === '\\' && expr[i + 1] === delim) {
      cur += delim;
      i++;
    } else if (c === delim) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  if (parts.length < 3) throw new Error(`rex mode=sed: incomplete expression ${JSON.stringify(expr)}`);
  return { op, parts };
}

/** A replacement in sed syntax (`\1`, `&`) rewritten for String.replace (`$1`, `$&`). */
function toJsReplacement(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const n = text[i + 1];
      out += /\d/.test(n) ? `$${n}` : n === '$' ? '$$' : n;
      i++;
    } else if (c === '&') out += '$&';
    else if (c === '$') out += '$$';
    else out += c;
  }
  return out;
}

export function compileSed(expr: string): (text: string) => string {
  const { op, parts } = splitSed(expr.trim());
  if (op === 'y') {
    const [from, to] = parts;
    if ([...from].length !== [...to].length) throw new Error(`rex mode=sed: y/// needs strings of equal length`);
    const map = new Map([...from].map((c, i) => [c, [...to][i]]));
    return (text) => [...text].map((c) => map.get(c) ?? c).join('');
  }
  const [pattern, replacement, flags] = parts;
  const global = flags.includes('g');
  const nth = Number(/\d+/.exec(flags)?.[0] ?? 0);
  const jsReplacement = toJsReplacement(replacement);
  const re = compileRegex(pattern, global || nth ? 'g' : '');
  if (nth > 0) {
    return (text) => {
      let i = 0;
      return text.replace(re, (...args) => {
        i++;
        if (i !== nth) return args[0] as string;
        return (args[0] as string).replace(compileRegex(pattern), jsReplacement);
      });
    };
  }
  return (text) => {
    re.lastIndex = 0;
    return text.replace(re, jsReplacement);
  };
}
