import { test } from 'vitest';
import { readDataset } from '../harness/ingest/read.js';
test('peek', async () => {
  const [path, source, sourcetype] = (process.env.PEEK ?? '').split('|');
  let i = 0;
  for await (const e of readDataset(path, { source, sourcetype })) {
    if (i++ >= 2) break;
    const o: any = {}; for (const [k, v] of Object.entries(e)) if (k !== '_raw') o[k] = typeof v === 'string' && v.length > 60 ? v.slice(0, 60) + '…' : v;
    console.log(JSON.stringify(o));
  }
}, 60000);
