/**
 * Maps an offset inside a YAML string value back to the file. A search is usually a folded
 * plain or quoted scalar: line breaks became spaces, `''` became `'`, indentation vanished.
 * Walking the value and the source side by side recovers where each value character was written.
 */
import type { Position } from '../content/types.js';

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Offset in `source` of `value[valueOffset]`, given the scalar starts at `sourceStart`. */
export function scalarSourceOffset(source: string, sourceStart: number, value: string, valueOffset: number): number {
  let si = sourceStart;
  const first = source[si];
  let single = false;
  if (first === "'" || first === '"') {
    single = first === "'";
    si++;
  } else if (first === '|' || first === '>') {
    si = source.indexOf('\n', si);
    if (si < 0) return sourceStart;
  }
  const target = Math.min(valueOffset, value.length);
  for (let vi = 0; vi < target; vi++) {
    const c = value[vi];
    for (;;) {
      if (si >= source.length) return source.length;
      const s = source[si];
      if (s === c) {
        si += single && c === "'" && source[si + 1] === "'" ? 2 : 1;
        break;
      }
      if (isSpace(s) || s === '\\') {
        si++;
        continue;
      }
      break; // folded break or escape: the value character has no source character of its own
    }
  }
  while (si < source.length && isSpace(source[si]) && !isSpace(value[target])) si++;
  return si;
}

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Offset in `text` of a 1-based line and column (the inverse of positionAt). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return offset + column - 1;
}
