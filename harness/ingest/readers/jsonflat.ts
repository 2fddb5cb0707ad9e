/**
 * A small JSON parser that flattens as it parses, naming fields the way Splunk's JSON
 * extraction (KV_MODE = json, spath) does: nested object keys joined with `.` (`a.b.c`), array
 * elements under `{}` (`a{}` for an array of scalars, `a{}.b` for an array of objects, `a{}{}`
 * for nested arrays). A name that receives several values is multivalue, in document order.
 *
 * Values stay text, as Splunk stores them: strings decoded, numbers exactly as written (so
 * large ids keep every digit), `true` / `false` as words. `null` produces no value (the field is
 * absent, which is what `isnull()` sees in Splunk); empty objects and arrays produce nothing.
 */
import type { Event } from '../../common/event.js';
import { addField } from './common.js';

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Offset in the parsed text where the problem is. */
    public readonly offset: number,
  ) {
    super(message);
  }
}

/** Flattened fields of one JSON value. */
export type FlatFields = Event;

/** Parse `text` (one JSON value, optionally surrounded by whitespace) into flattened fields. */
export function flattenJson(text: string): FlatFields {
  const fields: FlatFields = {};
  const parser = new FlatParser(text, fields);
  parser.skipWs();
  parser.value('');
  parser.skipWs();
  if (parser.pos < text.length) throw new JsonSyntaxError(`unexpected text after the JSON value`, parser.pos);
  return fields;
}

class FlatParser {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly out: FlatFields,
  ) {}

  skipWs(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  private emit(name: string, value: string): void {
    // Top-level scalars have no name; Splunk has nowhere to put them either.
    if (name.length > 0) addField(this.out, name, value, true);
  }

  value(name: string): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === 123 /* { */) this.object(name);
    else if (c === 91 /* [ */) this.array(name);
    else if (c === 34 /* " */) this.emit(name, this.string());
    else if (c === 116 /* t */) this.word('true', name);
    else if (c === 102 /* f */) this.word('false', name);
    else if (c === 110 /* n */) this.word('null', undefined);
    else if (c === 45 || (c >= 48 && c <= 57)) this.emit(name, this.number());
    else this.fail(Number.isNaN(c) ? 'unexpected end of JSON' : `unexpected character '${this.text[this.pos]}'`);
  }

  private word(word: string, name: string | undefined): void {
    if (!this.text.startsWith(word, this.pos)) this.fail(`unexpected character '${this.text[this.pos]}'`);
    this.pos += word.length;
    if (name !== undefined) this.emit(name, word);
  }

  private number(): string {
    const t = this.text;
    const start = this.pos;
    let p = start;
    if (t.charCodeAt(p) === 45) p++;
    const digitsFrom = p;
    while (isDigit(t.charCodeAt(p))) p++;
    if (p === digitsFrom) {
      this.pos = p;
      this.fail('bad number');
    }
    if (t.charCodeAt(p) === 46) {
      p++;
      while (isDigit(t.charCodeAt(p))) p++;
    }
    const e = t.charCodeAt(p);
    if (e === 101 || e === 69) {
      p++;
      const s = t.charCodeAt(p);
      if (s === 43 || s === 45) p++;
      while (isDigit(t.charCodeAt(p))) p++;
    }
    this.pos = p;
    return t.slice(start, p);
  }

  string(): string {
    const t = this.text;
    const start = this.pos + 1;
    let p = start;
    // Fast path: no escapes.
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return t.slice(start, p);
      }
      if (c === 92) break;
      if (Number.isNaN(c)) {
        this.pos = p;
        this.fail('unterminated string');
      }
      p++;
    }
    let out = t.slice(start, p);
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return out;
      }
      if (Number.isNaN(c)) {
        this.pos = p;
        this.fail('unterminated string');
      }
      if (c !== 92) {
        const next = t.indexOf('"', p);
        const bs = t.indexOf('\\', p);
        const end = bs !== -1 && (next === -1 || bs < next) ? bs : next === -1 ? t.length : next;
        out += t.slice(p, end);
        p = end;
        continue;
      }
      const esc = t[p + 1];
      p += 2;
      switch (esc) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = t.slice(p, p + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = p;
            this.fail('bad \\u escape');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          p += 4;
          break;
        }
        default:
          this.pos = p - 2;
          this.fail(`bad escape '\\${esc ?? ''}'`);
      }
    }
  }

  private object(name: string): void {
    const t = this.text;
    this.pos++; // {
    this.skipWs();
    if (t.charCodeAt(this.pos) === 125) {
      this.pos++;
      return;
    }
    const prefix = name.length > 0 ? name + '.' : '';
    for (;;) {
      this.skipWs();
      if (t.charCodeAt(this.pos) !== 34) this.fail('expected a quoted key');
      const key = this.string();
      this.skipWs();
      if (t.charCodeAt(this.pos) !== 58) this.fail("expected ':'");
      this.pos++;
      this.skipWs();
      this.value(prefix + key);
      this.skipWs();
      const c = t.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 125) {
        this.pos++;
        return;
      }
      this.fail("expected ',' or '}'");
    }
  }

  private array(name: string): void {
    const t = this.text;
    this.pos++; // [
    this.skipWs();
    if (t.charCodeAt(this.pos) === 93) {
      this.pos++;
      return;
    }
    const element = name + '{}';
    for (;;) {
      this.skipWs();
      this.value(element);
      this.skipWs();
      const c = t.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 93) {
        this.pos++;
        return;
      }
      this.fail("expected ',' or ']'");
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
