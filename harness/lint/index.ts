import { join } from 'node:path';
import { listFiles } from '../content/files.js';
import { loadContent, readYamlFile } from '../content/load.js';
import type { Content, Finding, Position, Severity, YamlFile } from '../content/types.js';
import type { HarnessConfig } from '../config.js';
import type { ValidateSummary } from '../report/types.js';
import { RULES } from './rules/index.js';
import { locateNode } from '../content/block-locate.js';
import type { ContentFile, ContentKind, Problem, Rule, RuleContext } from './types.js';

export type { Rule, RuleContext, Problem, ContentFile, ContentKind } from './types.js';
export { RULES, LOADER_RULES, ruleDescriptions } from './rules/index.js';

export interface LintOptions {
  /** Rule re-grading and suppressions (the `rules:` and `suppress:` of spl-harness.yml). */
  config?: Pick<HarnessConfig, 'rules' | 'suppress'> & Partial<Pick<HarnessConfig, 'filterMacros'>>;
  /** "Today" for the date rule; defaults to the clock. */
  now?: Date;
  /** Rules to run; defaults to all. */
  rules?: readonly Rule[];
}

export interface LintResult {
  summary: ValidateSummary;
  findings: Finding[];
}

const FOLDERS: Array<{ kind: ContentKind; dir: string }> = [
  { kind: 'detection', dir: 'detections' },
  { kind: 'macro', dir: 'macros' },
  { kind: 'story', dir: 'stories' },
  { kind: 'data_source', dir: 'data_sources' },
  { kind: 'lookup', dir: 'lookups' },
];

/**
 * Every content YAML file by kind. The loader indexes macros, stories, data sources and lookups by
 * name, so a file with no name or a duplicate name is not in its maps; those files are read here
 * again so the schema and uniqueness rules see them too.
 */
export function contentFiles(content: Content): ContentFile[] {
  const known = new Map<string, ContentFile>();
  for (const d of content.detections) known.set(d.file.path, { kind: 'detection', file: d.file, detection: d });
  const add = (kind: ContentKind, file: YamlFile) => known.set(file.path, { kind, file });
  for (const m of content.macros.values()) add('macro', m.file);
  for (const s of content.stories.values()) add('story', s.file);
  for (const s of content.dataSources.values()) add('data_source', s.file);
  for (const l of content.lookups.values()) add('lookup', l.file);
  const files: ContentFile[] = [];
  const scratch: Finding[] = []; // the loader already reported unreadable files
  for (const { kind, dir } of FOLDERS) {
    for (const abs of listFiles(join(content.root, dir), ['.yml', '.yaml'])) {
      if (kind === 'detection' && /\.cases\.ya?ml$/.test(abs)) continue;
      const entry = known.get(abs);
      if (entry) files.push(entry);
      else {
        // Unparseable files come back too (data undefined): the loader reported them, and the
        // schema rule reports a file that holds no YAML at all.
        const file = readYamlFile(content.root, abs, scratch);
        if (file) files.push({ kind, file });
      }
    }
  }
  return files;
}

/** Runs the rules over loaded content and applies the config's severities and suppressions. */
export function lintContent(content: Content, opts: LintOptions = {}): LintResult {
  const files = contentFiles(content);
  const config = opts.config ?? { rules: {}, suppress: [] };
  const suppressed = new Set(config.suppress.map((s) => `${s.detection.toLowerCase()}\0${s.rule}`));
  const findings: Finding[] = [];

  const accept = (f: Finding) => {
    const setting = config.rules[f.rule];
    if (setting === 'off') return;
    if (setting) f.severity = setting;
    if (f.detection_id) {
      const id = f.detection_id.toLowerCase();
      if (suppressed.has(`${id}\0${f.rule}`) || suppressed.has(`${id}\0*`)) return;
    }
    findings.push(f);
  };
  const loaderFindings = content.loadFindings.map((f) => ({ ...f }));
  for (const f of loaderFindings) accept(f);

  for (const rule of opts.rules ?? RULES) {
    if (config.rules[rule.id] === 'off') continue;
    const ctx: RuleContext = {
      content,
      files,
      now: opts.now ?? new Date(),
      filterMacros: config.filterMacros ?? 'generated',
      report: (p: Problem) => accept(toFinding(rule.id, rule.severity, p)),
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule bug must not hide every other finding: report it and go on.
      findings.push({
        rule: rule.id,
        severity: 'error',
        file: '',
        line: 1,
        column: 1,
        message: `internal error in rule ${rule.id}: ${(err as Error).stack ?? err}`,
      });
    }
  }
  findings.sort(compareFindings);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return { summary: { files: countFiles(files, content), errors: count('error'), warnings: count('warning') }, findings };
}

/** Loads the content tree at `root` and lints it. Never throws for bad content. */
export function validateContent(root: string, opts: LintOptions = {}): LintResult {
  return lintContent(loadContent(root), opts);
}

function toFinding(rule: string, severity: Severity, p: Problem): Finding {
  let pos: Position;
  try {
    pos = p.position ?? (p.path ? locateNode(p.file, p.path, p.atKey) : { line: 1, column: 1 });
  } catch {
    pos = { line: 1, column: 1 };
  }
  const finding: Finding = { rule, severity, file: p.file.relPath, line: pos.line, column: pos.column, message: p.message };
  if (p.detection?.id) finding.detection_id = p.detection.id;
  return finding;
}

/** Content files read: every YAML the linter saw plus files the loader could not parse. */
function countFiles(files: ContentFile[], content: Content): number {
  const seen = new Set(files.map((f) => f.file.relPath));
  for (const f of content.loadFindings) if (f.file) seen.add(f.file);
  return seen.size;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
