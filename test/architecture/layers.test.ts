/**
 * The house rules of harness/, checked on its import graph (docs/ENGINE.md, "Layers"):
 * no import cycle between modules, and no module imports from a layer above its own.
 */
import { describe, expect, it } from 'vitest';
import { cycles, importGraph } from './imports.js';

/** Layers from the bottom up; a module may import its own layer and those below it. */
const LAYERS = ['common', 'content', 'config', 'report', 'spl', 'lint', 'datasets', 'engine', 'ingest', 'commands', 'pipeline', 'runner', 'cli'] as const;

function layerOf(path: string): (typeof LAYERS)[number] {
  if (path === 'config.ts' || path === 'config-schema.ts') return 'config';
  if (path === 'engine/run.ts' || path === 'engine/support.ts' || path === 'engine/order.ts' || path === 'engine/push.ts') return 'pipeline';
  // A command module is one SPL command whole (syntax and operator): above the SPL front end and
  // the evaluation kit it uses; its shared framework (types.ts, lib/) is part of the kit.
  if (/^engine\/commands\/[^/]+\.ts$/.test(path) && path !== 'engine/commands/types.ts') return 'commands';
  const top = path.split('/')[0];
  if ((LAYERS as readonly string[]).includes(top)) return top as (typeof LAYERS)[number];
  throw new Error(`${path} belongs to no layer: add its folder to LAYERS`);
}

describe('the import graph of harness/', () => {
  const graph = importGraph();

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('never imports from a layer above', () => {
    const upward: string[] = [];
    for (const [from, targets] of graph) {
      const rank = LAYERS.indexOf(layerOf(from));
      for (const to of targets) if (LAYERS.indexOf(layerOf(to)) > rank) upward.push(`${from} (${layerOf(from)}) -> ${to} (${layerOf(to)})`);
    }
    expect(upward).toEqual([]);
  });

  it('sees the imports it checks', () => {
    // Guards the reader of imports itself: a known edge must be found.
    expect(graph.get('engine/run.ts')).toContain('engine/commands/index.ts');
    expect(graph.get('ingest/read.ts')).toContain('common/event.ts');
  });
});
