/**
 * Interned field names. XML events repeat the same few hundred element and attribute names
 * (EventID, Computer, ProcessId, CommandLine, ...) millions of times; slicing each one out of
 * the event text allocates a new string every time, and a new string as a property key costs a
 * lookup in V8's string table on every store. `internSlice` returns the one shared string for a
 * name already seen, comparing in place (no allocation), and remembers new names up to a bound.
 */

const MAX_NAMES = 8192;
/** Candidates by (length, first char, last char). */
const table = new Map<number, string[]>();
let size = 0;

function keyOf(length: number, first: number, last: number): number {
  return (length << 16) ^ (first << 8) ^ last;
}

/** text.slice(start, end), shared with every earlier occurrence of the same name. */
export function internSlice(text: string, start: number, end: number): string {
  const length = end - start;
  if (length <= 0) return '';
  const key = keyOf(length, text.charCodeAt(start), text.charCodeAt(end - 1));
  const bucket = table.get(key);
  if (bucket) {
    for (const candidate of bucket) if (text.startsWith(candidate, start)) return candidate;
  }
  const name = text.slice(start, end);
  if (size < MAX_NAMES) {
    // A flat copy, so the table never keeps a whole event's text alive through a sliced string.
    const flat = Buffer.from(name, 'utf8').toString('utf8');
    if (bucket) bucket.push(flat);
    else table.set(key, [flat]);
    size++;
    return flat;
  }
  return name;
}
