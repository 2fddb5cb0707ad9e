import { it } from 'vitest';
import { loadContent } from '../../harness/content/load.js';
import { loadConfig } from '../../harness/config.js';
import { planTests, selectDetections } from '../../harness/runner/plan.js';
import { runTest } from '../../harness/runner/run.js';
import { PROJECT_ROOT } from '../support/shared.js';

it('smoke', async () => {
  const content = loadContent(PROJECT_ROOT);
  const config = loadConfig(PROJECT_ROOT);
  const sel = selectDetections(content, []);
  const plan = planTests(content, sel.detections);
  console.log(plan.findings);
  for (const t of plan.tests) {
    const r = await runTest(content, t, { mirrors: config.mirrors, offline: true });
    console.log(JSON.stringify(r, null, 1));
  }
}, 120000);
