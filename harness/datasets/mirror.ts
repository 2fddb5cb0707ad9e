/**
 * Mirror rules: a URL prefix mapped to a local directory or to another base URL.
 *
 *   https://media.githubusercontent.com/media/splunk/attack_data/master/  =  /work/shared/attack_data
 *   https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/x.log
 *     → /work/shared/attack_data/datasets/x.log
 *
 * The longest matching prefix wins, so a specific rule can override a general one.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { MirrorRule } from '../config.js';

export type MirrorTarget = { kind: 'dir'; rule: MirrorRule; path: string } | { kind: 'url'; rule: MirrorRule; url: string };

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** The mirror location for `url`, or undefined when no rule matches. */
export function applyMirrors(url: string, rules: readonly MirrorRule[]): MirrorTarget | undefined {
  let best: MirrorRule | undefined;
  for (const rule of rules) {
    if (url.startsWith(rule.prefix) && (!best || rule.prefix.length > best.prefix.length)) best = rule;
  }
  if (!best) return undefined;
  // The rest of the URL, without query or fragment (a mirror holds files, not queries).
  const rest = url.slice(best.prefix.length).replace(/[?#].*$/, '');
  if (isUrl(best.target)) {
    return { kind: 'url', rule: best, url: joinUrl(best.target, rest) };
  }
  const path = mirrorPath(best.target, rest);
  return path === undefined ? undefined : { kind: 'dir', rule: best, path };
}

/** Joins a base URL and a relative path with exactly one slash between them. */
function joinUrl(base: string, rest: string): string {
  if (!rest) return base;
  return base.replace(/\/+$/, '') + '/' + rest.replace(/^\/+/, '');
}

/**
 * The file under `dir` for the URL remainder `rest` (percent-decoded), or undefined when the
 * remainder would leave the directory (`..`), so a crafted URL cannot read arbitrary files.
 */
function mirrorPath(dir: string, rest: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    decoded = rest;
  }
  const root = resolve(dir);
  const path = resolve(root, decoded.replace(/^\/+/, ''));
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) return undefined;
  return path;
}
