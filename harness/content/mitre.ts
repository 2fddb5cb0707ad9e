import { MITRE_TECHNIQUE_ROWS } from './data/mitre-techniques.js';

/** One ATT&CK technique or sub-technique as the project's offline table knows it. */
export interface MitreTechnique {
  id: string;
  name: string;
  tactics: string[];
}

let table: Map<string, MitreTechnique> | undefined;

/** The technique table, keyed by id (`T1021`, `T1021.006`). Built on first use. */
export function mitreTechniques(): ReadonlyMap<string, MitreTechnique> {
  if (!table) {
    table = new Map();
    for (const [id, name, tactics] of MITRE_TECHNIQUE_ROWS) table.set(id, { id, name, tactics: tactics ? tactics.split('|') : [] });
  }
  return table;
}

/** `T1234` or `T1234.567` (ATT&CK's own id shape). */
export const MITRE_ID_PATTERN = /^T\d{4}(\.\d{3})?$/;

/** The parent technique of a sub-technique id (`T1021.006` → `T1021`), undefined for a technique. */
export function parentTechnique(id: string): string | undefined {
  const dot = id.indexOf('.');
  return dot > 0 ? id.slice(0, dot) : undefined;
}
