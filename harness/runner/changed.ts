import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import jsYaml from 'js-yaml';
import type { Content, Detection, Lookup } from '../content/types.js';
import type { MirrorRule } from '../config.js';
import { datamodelReferences, lookupReferences, macroCalls } from '../spl/query.js';
import { applyMirrors } from '../datasets/mirror.js';
import { legacySidecarPath, loadSidecar, sidecarPath } from './cases.js';
import { insideRoot } from './plan.js';

/**
 * `--changed [--base REF]`: the detections a change touches. The changed files are `git diff`
 * between the merge base of REF (default origin/main, falling back to main) and the working
 * tree — committed, staged and unstaged changes alike — plus untracked files. A detection is
 * selected when its YAML or its sidecar cases changed, or when something it depends on did:
 * a macro (followed through macros used inside macros), a lookup (YAML or CSV), a data source,
 * a story, a dataset file it reads from the repository (sidecar data, fixture mirror), or the
 * harness's own mapping data (harness/ingest/sources/**, harness/ingest/cim/**) — and its
 * readers (harness/ingest/readers/**) — for a sourcetype, source or data model it uses.
 */

export interface ChangedOptions {
  /** The ref to compare against; default origin/main, falling back to main. */
  base?: string;
  /** Where git runs; default the content root. */
  cwd?: string;
  /** Mirror rules, so a changed fixture-mirror file selects the detections that read it. */
  mirrors?: MirrorRule[];
}

export interface ChangedDetection {
  detection: Detection;
  /** Why it was chosen, e.g. "macro `security_content_ctime` changed (used via `x`)". */
  reasons: string[];
}

export interface ChangedSelection {
  /** The ref compared against, and the merge-base commit. */
  base: string;
  mergeBase: string;
  /** Every changed path, relative to the repository root. */
  changedFiles: string[];
  selected: ChangedDetection[];
  /** Detection files (content-relative) deleted by the change: reported, not run. */
  deleted: string[];
}

/** Git is missing, the directory is not a repository, or the base ref does not exist. */
export class ChangedError extends Error {
  override name = 'ChangedError';
}

interface Change {
  status: string; // A, M, D, T, U, or '?' for untracked
  repoPath: string;
  abs: string;
}

export function selectChanged(content: Content, opts: ChangedOptions = {}): ChangedSelection {
  const cwd = resolve(opts.cwd ?? content.root);
  const git = (args: string[]) => runGit(args, cwd);
  const top = git(['rev-parse', '--show-toplevel']).trim();
  const base = opts.base ?? pickDefaultBase(git);
  if (!refExists(git, base)) throw new ChangedError(`--base ${base}: no such commit or branch in ${top}`);
  let mergeBase: string;
  try {
    mergeBase = git(['merge-base', base, 'HEAD']).trim();
  } catch (err) {
    throw new ChangedError(`cannot find the merge base of ${base} and HEAD: ${(err as Error).message}`);
  }
  const changes = listChanges(git, mergeBase, top);
  const graph = dependencyGraph(content, opts.mirrors ?? []);

  const reasons = new Map<Detection, Set<string>>();
  const add = (d: Detection, why: string) => {
    let set = reasons.get(d);
    if (!set) reasons.set(d, (set = new Set()));
    set.add(why);
  };
  const deleted: string[] = [];

  const root = canonical(content.root);
  for (const change of changes) {
    const rel = insideRoot(root, change.abs);
    const isDetectionYaml = rel !== undefined && /^detections\/.*\.ya?ml$/.test(rel) && !/\.cases\.ya?ml$/.test(rel);
    if (isDetectionYaml && change.status === 'D') {
      deleted.push(rel);
      continue;
    }
    // Direct file dependencies: the detection itself, its sidecar and data, macros, lookups, ...
    for (const [d, deps] of graph.files) {
      const why = deps.get(change.abs);
      if (why) add(d, `${why} ${verb(change.status)}`);
    }
    // A deleted macro / lookup / data source / story: its old name tells who used it.
    if (change.status === 'D' && rel !== undefined) {
      const old = oldName(git, mergeBase, change.repoPath);
      const kind = kindOf(rel);
      if (old && kind) {
        for (const [d, names] of graph.names) {
          const why = names.get(`${kind}:${old.toLowerCase()}`);
          if (why) add(d, `${why} deleted`);
        }
      }
    }
    // The harness's own mapping data and readers.
    const mapping = /(^|\/)harness\/ingest\/(sources|cim|readers)\//.exec(change.repoPath);
    if (mapping) {
      const text = readMaybe(change.abs) ?? (change.status === 'D' ? gitShow(git, mergeBase, change.repoPath) : undefined) ?? '';
      // A shared helper (an event-code table, a 4688 derivation) names no sourcetype itself:
      // the sibling tables that import it say whom it serves.
      const hay = [text, ...siblingImporters(change.abs)].join('\n').toLowerCase().replace(/["`]/g, "'");
      const token = basename(change.repoPath)
        .replace(/\.[^.]+$/, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_');
      for (const [d, uses] of graph.mapping) {
        const hit = [...uses].find((u) => token === u.token || hay.includes(u.text));
        if (hit) add(d, `harness mapping data ${change.repoPath} ${verb(change.status)} (${hit.label})`);
      }
    }
  }

  const selected = content.detections.filter((d) => reasons.has(d)).map((d) => ({ detection: d, reasons: [...reasons.get(d)!] }));
  return { base, mergeBase, changedFiles: changes.map((c) => c.repoPath), selected, deleted: deleted.sort() };
}

function verb(status: string): string {
  return status === 'D' ? 'deleted' : status === 'A' || status === '?' ? 'added' : 'changed';
}

function runGit(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new ChangedError('--changed needs git, which was not found on PATH');
    throw new ChangedError(`git ${args.join(' ')} failed in ${cwd}: ${(e.stderr || e.message).trim()}`);
  }
}

function refExists(git: (a: string[]) => string, ref: string): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

function pickDefaultBase(git: (a: string[]) => string): string {
  for (const ref of ['origin/main', 'main']) if (refExists(git, ref)) return ref;
  throw new ChangedError('--changed: neither origin/main nor main exists; pass --base REF');
}

function listChanges(git: (a: string[]) => string, mergeBase: string, top: string): Change[] {
  const out: Change[] = [];
  const seen = new Set<string>();
  const diff = git(['diff', '--name-status', '--no-renames', '-z', mergeBase]).split('\0');
  for (let i = 0; i + 1 < diff.length; i += 2) {
    const status = diff[i].charAt(0);
    const repoPath = diff[i + 1];
    if (!status || !repoPath || seen.has(repoPath)) continue;
    seen.add(repoPath);
    out.push({ status, repoPath, abs: canonical(join(top, repoPath)) });
  }
  for (const repoPath of git(['ls-files', '--others', '--exclude-standard', '-z']).split('\0')) {
    if (!repoPath || seen.has(repoPath)) continue;
    seen.add(repoPath);
    out.push({ status: '?', repoPath, abs: canonical(join(top, repoPath)) });
  }
  return out.sort((a, b) => (a.repoPath < b.repoPath ? -1 : 1));
}

/** The text of the modules beside `abs` that import it (`from './<name>.js'`). */
function siblingImporters(abs: string): string[] {
  const specifier = `./${basename(abs).replace(/\.ts$/, '.js')}`;
  let names: string[];
  try {
    names = readdirSync(dirname(abs));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.ts') && join(dirname(abs), n) !== abs)
    .map((n) => readMaybe(join(dirname(abs), n)) ?? '')
    .filter((t) => t.includes(`'${specifier}'`));
}

function readMaybe(abs: string): string | undefined {
  try {
    return existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

function gitShow(git: (a: string[]) => string, commit: string, repoPath: string): string | undefined {
  try {
    return git(['show', `${commit}:${repoPath}`]);
  } catch {
    return undefined;
  }
}

type Kind = 'macro' | 'lookup' | 'data_source' | 'story';

function kindOf(rel: string): Kind | undefined {
  if (!/\.ya?ml$/.test(rel)) return undefined;
  if (rel.startsWith('macros/')) return 'macro';
  if (rel.startsWith('lookups/')) return 'lookup';
  if (rel.startsWith('data_sources/')) return 'data_source';
  if (rel.startsWith('stories/')) return 'story';
  return undefined;
}

function oldName(git: (a: string[]) => string, commit: string, repoPath: string): string | undefined {
  const text = gitShow(git, commit, repoPath);
  if (!text) return undefined;
  try {
    const data = jsYaml.load(text) as { name?: unknown } | null;
    return data && typeof data.name === 'string' ? data.name : undefined;
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------ the dependency graph

interface MappingUse {
  /** Normalised token compared with a mapping file's base name. */
  token: string;
  /** Lower-cased text looked for inside a mapping file. */
  text: string;
  label: string;
}

interface Graph {
  /** Detection → absolute file path → why it matters ("macro `x`"). */
  files: Map<Detection, Map<string, string>>;
  /** Detection → "kind:name" (lower-case) → why; for deleted files. */
  names: Map<Detection, Map<string, string>>;
  /** Detection → the sourcetypes and data models it uses. */
  mapping: Map<Detection, MappingUse[]>;
}

function dependencyGraph(content: Content, mirrors: MirrorRule[]): Graph {
  const graph: Graph = { files: new Map(), names: new Map(), mapping: new Map() };
  const lookupsByRef = new Map<string, Lookup>();
  for (const l of content.lookups.values()) {
    lookupsByRef.set(l.name.toLowerCase(), l);
    if (l.filename) lookupsByRef.set(l.filename.toLowerCase(), l);
  }
  for (const d of content.detections) {
    const files = new Map<string, string>();
    const names = new Map<string, string>();
    const fileOf = (path: string, why: string) => {
      const abs = canonical(path);
      if (!files.has(abs)) files.set(abs, why);
    };
    fileOf(d.file.path, 'detection file');
    // Sidecar cases and the data files they and the ESCU tests read from the repository.
    const sidecar = loadSidecar(d, content.root);
    fileOf(sidecarPath(d.file.relPath, content.root), 'sidecar cases');
    fileOf(legacySidecarPath(d.file.path), 'sidecar cases (deprecated place)');
    for (const c of sidecar?.cases ?? []) for (const a of c.attackData) if (!/^\w+:\/\//.test(a.ref)) fileOf(a.ref, `case data ${a.data}`);
    for (const t of d.tests) {
      for (const a of t.attack_data) {
        const local = mirrorPath(a.data, mirrors);
        if (local) fileOf(local, `dataset ${basename(local)} (mirror of ${a.data})`);
      }
    }
    // Macros, followed through macro definitions; lookups named anywhere along the way.
    const texts: Array<{ text: string; via?: string }> = [{ text: d.search }];
    const seenMacros = new Set<string>();
    const allText: string[] = [d.search];
    while (texts.length) {
      const { text, via } = texts.shift()!;
      for (const call of macroCalls(text)) {
        const why = via ? `macro \`${call.name}\` (used via \`${via}\`)` : `macro \`${call.name}\``;
        names.set(`macro:${call.name.toLowerCase()}`, names.get(`macro:${call.name.toLowerCase()}`) ?? why);
        if (seenMacros.has(call.key)) continue;
        seenMacros.add(call.key);
        const macro = content.macros.get(call.key) ?? content.macros.get(call.name);
        if (!macro) continue;
        fileOf(macro.file.path, why);
        texts.push({ text: macro.definition, via: via ?? call.name });
        allText.push(macro.definition);
      }
    }
    for (const text of allText) {
      for (const { name } of lookupReferences(text)) {
        const ref = name.toLowerCase();
        const why = `lookup '${name}'`;
        names.set(`lookup:${ref}`, names.get(`lookup:${ref}`) ?? why);
        const l = lookupsByRef.get(ref);
        if (!l) continue;
        names.set(`lookup:${l.name.toLowerCase()}`, why);
        fileOf(l.file.path, why);
        if (l.filename) fileOf(join(l.file.path, '..', l.filename), `${why} CSV`);
      }
    }
    for (const name of d.data_source) {
      const why = `data source '${name}'`;
      names.set(`data_source:${name.toLowerCase()}`, why);
      const ds = content.dataSources.get(name);
      if (ds) fileOf(ds.file.path, why);
    }
    for (const name of d.tags.analytic_story ?? []) {
      const why = `story '${name}'`;
      names.set(`story:${String(name).toLowerCase()}`, why);
      const s = content.stories.get(String(name));
      if (s) fileOf(s.file.path, why);
    }
    // Sourcetypes and data models, for the harness's mapping data.
    const uses: MappingUse[] = [];
    const sourcetypes = new Set<string>();
    for (const t of d.tests) for (const a of t.attack_data) if (a.sourcetype) sourcetypes.add(a.sourcetype.toLowerCase());
    for (const c of sidecar?.cases ?? []) {
      for (const a of c.attackData) sourcetypes.add(a.sourcetype.toLowerCase());
      for (const e of c.events) sourcetypes.add(e.sourcetype.toLowerCase());
    }
    for (const name of d.data_source) {
      const st = content.dataSources.get(name)?.sourcetype;
      if (st) sourcetypes.add(st.toLowerCase());
    }
    const sources = new Set<string>();
    for (const t of d.tests) for (const a of t.attack_data) if (a.source) sources.add(a.source.toLowerCase());
    for (const c of sidecar?.cases ?? []) for (const a of [...c.attackData, ...c.events]) sources.add(a.source.toLowerCase());
    // Mapping tables name sourcetypes and sources as quoted strings; match them quoted so that
    // 'xmlwineventlog' does not also hit every 'XmlWinEventLog:<channel>' source.
    for (const st of sourcetypes) uses.push({ token: st.replace(/[^a-z0-9]+/g, '_'), text: quoted(st), label: `sourcetype ${st}` });
    for (const src of sources) uses.push({ token: src.replace(/[^a-z0-9]+/g, '_'), text: quoted(src), label: `source ${src}` });
    const models = new Set<string>();
    for (const text of allText) for (const name of datamodelReferences(text)) models.add(name.split('.').slice(0, 2).join('.'));
    for (const model of models) {
      const [root, node] = model.split('.');
      uses.push({ token: root.toLowerCase(), text: quoted(root), label: `data model ${model}` });
      if (node) uses.push({ token: `${root}_${node}`.toLowerCase(), text: quoted(`${root}.${node}`), label: `data model ${model}` });
    }
    graph.files.set(d, files);
    graph.names.set(d, names);
    graph.mapping.set(d, uses);
  }
  return graph;
}

/** How a name appears in a mapping file once quotes are normalised to '. */
function quoted(name: string): string {
  return `'${name.toLowerCase()}'`;
}

/** The local mirror file of a dataset URL (the longest matching prefix; never outside the mirror). */
function mirrorPath(url: string, mirrors: MirrorRule[]): string | undefined {
  const target = applyMirrors(url, mirrors);
  return target?.kind === 'dir' ? target.path : undefined;
}

/** One spelling per file: symlinks resolved (git reports real paths), also for deleted files. */
function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    try {
      return join(realpathSync(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}
