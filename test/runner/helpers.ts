import { existsSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../support/shared.js';

/** The seed detection as shipped in the project. */
export const SEED_FILE = 'detections/endpoint/remote_process_instantiation_via_winrm_and_winrs.yml';
export const SEED_TEXT = readFileSync(join(PROJECT_ROOT, SEED_FILE), 'utf8');
export const FIXTURE_PREFIX = 'https://media.githubusercontent.com/media/splunk/attack_data/master/';
export const FIXTURE_MIRROR = { prefix: FIXTURE_PREFIX, target: join(PROJECT_ROOT, 'test/fixtures/attack_data') };

/**
 * A throwaway content tree: the project's macros, data sources and stories, plus the given
 * files (path → text). Returns its root and a cleanup function.
 */
export function tempContent(files: Record<string, string>, opts: { withProjectSupport?: boolean } = {}): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'spl-harness-content-'));
  if (opts.withProjectSupport ?? true) {
    for (const dir of ['macros', 'data_sources', 'stories', 'lookups']) {
      if (existsSync(join(PROJECT_ROOT, dir))) cpSync(join(PROJECT_ROOT, dir), join(root, dir), { recursive: true });
    }
  }
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A variant of the seed: new id/name (so it is a distinct detection) and an edited search. */
export function seedVariant(n: number, edit: (search: string) => string = (s) => s): string {
  const name = `Seed Variant ${n}`;
  const stem = `seed_variant_${n}`;
  return SEED_TEXT.replace(/^name: .*$/m, `name: ${name}`)
    .replace(/^id: .*$/m, `id: 00000000-0000-4000-8000-${String(n).padStart(12, '0')}`)
    .replace(
      /^search: '(.*)'$/m,
      (_m, search: string) => `search: '${edit(search).replace(/remote_process_instantiation_via_winrm_and_winrs_filter/g, `${stem}_filter`)}'`,
    );
}
