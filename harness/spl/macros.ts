/**
 * Finding macro calls in SPL text. A macro call is text between backticks: `` `name` `` or
 * `` `name(arg1, arg2)` ``. Triple backticks open an SPL comment (```...```), which is not a call.
 */

export interface MacroCall {
  /** Macro name without arguments. */
  name: string;
  /** Raw argument strings, trimmed. */
  args: string[];
  /** The call name used to look the macro up: `name` or `name(N)`. */
  key: string;
  /** Offsets of the whole call including its backticks. */
  start: number;
  end: number;
}

/** Splits a macro argument list at top-level commas (quotes and parentheses respected). */
function splitMacroArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && i + 1 < text.length) {
        cur += c + text[++i];
        continue;
      }
      if (c === quote) quote = '';
      cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === '(') {
      depth++;
      cur += c;
    } else if (c === ')') {
      depth--;
      cur += c;
    } else if (c === ',' && depth === 0) {
      args.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '' || args.length > 0) args.push(cur.trim());
  return args;
}

/** Every macro call in `text`, skipping ```comments```. An unterminated backtick ends the scan. */
export function scanMacroCalls(text: string): MacroCall[] {
  const calls: MacroCall[] = [];
  let i = 0;
  while (i < text.length) {
    const tick = text.indexOf('`', i);
    if (tick < 0) break;
    if (text.startsWith('```', tick)) {
      const close = text.indexOf('```', tick + 3);
      i = close < 0 ? text.length : close + 3;
      continue;
    }
    const close = text.indexOf('`', tick + 1);
    if (close < 0) break;
    const body = text.slice(tick + 1, close).trim();
    const m = /^([^\s(]+)\s*(?:\(([\s\S]*)\))?$/.exec(body);
    if (m) {
      const args = m[2] !== undefined ? splitMacroArgs(m[2]) : [];
      calls.push({ name: m[1], args, key: args.length ? `${m[1]}(${args.length})` : m[1], start: tick, end: close + 1 });
      i = close + 1;
    } else {
      // Not a call (e.g. a literal backtick in `split(x, "`")`): the backtick is plain text and
      // the next one may open a real call.
      i = tick + 1;
    }
  }
  return calls;
}
