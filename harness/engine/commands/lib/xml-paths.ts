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
