/**
 * XML flattened the way spath names paths: element names joined by `.`, attributes as
 * `{@name}` after their element; a path met several times gives a multivalue field.
 * No DTDs or entities beyond the XML built-ins are processed.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Scalar } from '../../types.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  textNodeName: '#text',
  isArray: () => true,
});

export function flattenXml(text: string, limit = 5000): Map<string, Scalar[]> | undefined {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    return undefined;
  }
  const out = new Map<string, Scalar[]>();
  const add = (path: string, v: string) => {
    if (out.size >= limit && !out.has(path)) return;
    const list = out.get(path);
    if (list) list.push(v);
    else out.set(path, [v]);
  };
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, path);
      return;
    }
    if (node === null || typeof node !== 'object') {
      if (path) add(path, String(node));
      return;
    }
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k.startsWith('?')) continue; // processing instructions such as <?xml ...?>
      if (k === '#text') {
        for (const t of Array.isArray(v) ? v : [v]) add(path, String(t));
      } else if (k.startsWith('@')) add(`${path}{${k}}`, String(v));
      else visit(v, path ? `${path}.${k}` : k);
    }
  };
  visit(doc, '');
  return out;
}

type XmlNode = Record<string, unknown>;

/**
 * The values at one spath location path in XML: element names joined by `.`, `{N}` the N-th
 * of the elements the path has reached (counted from 1 in XML, unlike JSON), `{@name}` an
 * attribute, `{}` every element. An element's value is its text. Undefined when the text is not XML.
 */
export function xmlPathValues(text: string, path: string): Scalar[] | undefined {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    return undefined;
  }
  let nodes: unknown[] = [doc];
  let attribute: string | undefined;
  const re = /([^.{}]+)|\{(@?[^{}]*)\}/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (attribute !== undefined) return [];
    const next: unknown[] = [];
    if (m[1] !== undefined) {
      for (const node of nodes) {
        const child = node && typeof node === 'object' ? (node as XmlNode)[m[1]] : undefined;
        if (child !== undefined) next.push(...(Array.isArray(child) ? child : [child]));
      }
      nodes = next;
    } else if (m[2].startsWith('@')) {
      attribute = m[2];
    } else if (m[2] !== '') {
      const n = Number(m[2]);
      nodes = Number.isInteger(n) && n >= 1 && n <= nodes.length ? [nodes[n - 1]] : [];
    }
  }
  const out: Scalar[] = [];
  for (const node of nodes) {
    if (attribute !== undefined) {
      const v = node && typeof node === 'object' ? (node as XmlNode)[attribute] : undefined;
      for (const a of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.push(String(a));
    } else if (node !== null && typeof node === 'object') {
      const t = (node as XmlNode)['#text'];
      for (const x of Array.isArray(t) ? t : t === undefined ? [] : [t]) out.push(String(x));
    } else if (node !== undefined && node !== null) out.push(String(node));
  }
  return out;
}
