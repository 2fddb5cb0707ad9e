/**
 * Python's `json.dumps` with its defaults, for the flat objects URL Toolbox writes: `", "` and
 * `": "` separators, keys in insertion order (pass a Map when a key looks like an integer), non-ASCII escaped as `\uXXXX` (ensure_ascii).
 */
export function pythonJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    // A Map keeps insertion order for every key; an object would list integer-like keys first.
    const entries = (value instanceof Map ? [...value.entries()] : Object.entries(value as Record<string, unknown>)).map(
      ([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return 'null';
}
