import jsYaml from 'js-yaml';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node as YNode } from 'yaml';
import type { Finding, Position, YamlFile, YamlPath } from './types.js';

/**
 * Loads YAML fast with js-yaml and only pays for a position-keeping parse (the `yaml`
 * package's document model) when a caller asks where a node is. Most files of a
 * content tree never need a position, so this keeps whole-corpus validation quick.
 */
export function loadYaml(path: string, relPath: string, text: string): { file: YamlFile; finding?: Finding } {
  let data: unknown;
  let finding: Finding | undefined;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    data = jsYaml.load(text, { filename: relPath, schema: jsYaml.CORE_SCHEMA });
  } catch (err) {
    const e = err as { mark?: { line: number; column: number }; reason?: string; message: string };
    finding = {
      rule: 'yaml-syntax',
      severity: 'error',
      file: relPath,
      line: (e.mark?.line ?? 0) + 1,
      column: (e.mark?.column ?? 0) + 1,
      message: `malformed YAML: ${e.reason ?? e.message}`,
    };
  }
  let located: { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
  const doc = () => {
    if (!located) {
      const lines = new LineCounter();
      located = { doc: parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false }), lines };
    }
    return located;
  };
  const toPos = (offset: number | undefined): Position => {
    if (offset === undefined) return { line: 1, column: 1 };
    const p = doc().lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const walk = (path: YamlPath): { node?: YNode; key?: YNode; parent?: YNode } => {
    let node: YNode | undefined = doc().doc.contents ?? undefined;
    let key: YNode | undefined;
    let parent: YNode | undefined;
    for (const step of path) {
      if (!node) break;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) return { node, parent };
        parent = node;
        key = pair.key as YNode;
        node = (pair.value as YNode | null) ?? (pair.key as YNode);
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step] as YNode | undefined;
        if (!item) return { node, parent };
        parent = node;
        key = undefined;
        node = item;
      } else {
        return { node, parent };
      }
    }
    return { node, key, parent };
  };
  const file: YamlFile = {
    path,
    relPath,
    text,
    data,
    locate(p) {
      const { node } = walk(p);
      return toPos(node?.range?.[0]);
    },
    locateKey(p) {
      const { node, key } = walk(p);
      return toPos((key ?? node)?.range?.[0]);
    },
  };
  return { file, finding };
}
