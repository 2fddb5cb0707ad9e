/**
 * Golden tests: MLTK's `apply` over a model the content ships (MLTK User Guide, "apply"; models
 * are saved as the lookup `__mlspl_<name>.mlmodel`), and `anomalydetection` (Search Reference,
 * "anomalydetection").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, table } from './helpers.js';
import { parseCsv } from '../../../harness/engine/lookup.js';
import { readModel } from '../../../harness/engine/mltk/model.js';
import { UnsupportedError, type LookupTable } from '../../../harness/engine/types.js';
import { ESCU, describeShared } from '../../support/shared.js';

/** An `.npy` 1.0 file of little-endian float64 values, built by hand (numpy.lib.format). */
function npy(values: number[]): string {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${values.length},), }`;
  header = header.padEnd(64 - 10 - 1, ' ') + '\n';
  const bytes = Buffer.alloc(10 + header.length + 8 * values.length);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(bytes);
  bytes.writeUInt16LE(header.length, 8);
  bytes.write(header, 10, 'latin1');
  values.forEach((v, i) => bytes.writeDoubleLE(v, 10 + header.length + 8 * i));
  return bytes.toString('base64');
}

function linearModel(name: string, features: string[], coef: number[], intercept: number, algo = 'LinearRegression'): LookupTable {
  const model = {
    __mlspl_type: ['algos.LinearRegression', 'LinearRegression'],
    dict: {
      estimator: {
        __mlspl_type: ['sklearn.linear_model._base', 'LinearRegression'],
        dict: { fit_intercept: true, intercept_: intercept, coef_: { __mlspl_type: ['numpy', 'ndarray'], npy: npy(coef) } },
      },
      columns: features,
      target_variable: 'y',
      feature_variables: features,
    },
  };
  return table(`__mlspl_${name}`, ['algo', 'model', 'options'], [[algo, JSON.stringify(model), '{}']]);
}

describe('apply', () => {
  const lookups = { __mlspl_lm: linearModel('lm', ['a', 'b'], [2, 0.5], -1) };

  it('LinearRegression: intercept + Σ coef·x into predicted(<target>), or the AS field', async () => {
    const rows = await run('* | apply lm', {
      events: [
        { a: '3', b: 4 },
        { a: 0, b: 0 },
      ],
      lookups,
    });
    // -1 + 2·3 + 0.5·4 = 7; with no input the intercept alone.
    expect(rows.map((r) => r['predicted(y)'])).toEqual([7, -1]);
    const renamed = await run('* | apply lm as score', { events: [{ a: 1, b: 2 }], lookups });
    expect(renamed[0].score).toBe(2);
  });

  it('a result whose features are not all single numbers gets no prediction', async () => {
    const rows = await run('* | apply lm', { events: [{ a: 1 }, { a: 'x', b: 1 }, { a: [1, 2], b: 1 }], lookups });
    expect(rows.every((r) => r['predicted(y)'] === undefined)).toBe(true);
  });

  it('a model the content does not ship, or an algorithm the harness cannot evaluate, is unsupported', async () => {
    await expect(run('* | apply missing_model', { events: [{ a: 1 }] })).rejects.toThrow(/missing_model \(no trained model/);
    const dsdl = { __mlspl_m: linearModel('m', ['a'], [1], 0, 'MLTKContainer') };
    await expect(run('* | apply m', { events: [{ a: 1 }], lookups: dsdl })).rejects.toThrow(/algorithm MLTKContainer/);
  });
});

describeShared('apply over the models ESCU ships', () => {
  const load = (name: string): LookupTable => {
    const { columns, rows } = parseCsv(readFileSync(join(ESCU, 'lookups', `__mlspl_${name}.mlmodel`), 'utf8'));
    return { name, columns, rows };
  };

  it('unusual_commandline_detection is a LinearRegression over 36 token counts', () => {
    const read = readModel('unusual_commandline_detection', load('unusual_commandline_detection'));
    if (!('model' in read)) throw new Error(read.unsupported);
    expect(read.model.features).toHaveLength(36);
    expect(read.model.coefficients).toHaveLength(36);
    expect(read.model.target).toBe('unusual_cmdline_logits');
    expect(read.model.intercept).toBe(-1.2124304031951825);
  });

  it('the DSDL models need their container', () => {
    expect(readModel('pretrained_dga_model_dsdl', load('pretrained_dga_model_dsdl'))).toEqual({
      unsupported: 'pretrained_dga_model_dsdl (algorithm MLTKContainer)',
    });
  });
});

describe('anomalydetection', () => {
  // Ten events: user a ×7, b ×2, c ×1; type x ×9, y ×1 (on the c event).
  const events = [...Array(7).fill({ user: 'a', type: 'x' }), { user: 'b', type: 'x' }, { user: 'b', type: 'x' }, { user: 'c', type: 'y' }];

  it('histogram, explicit pthresh: the product of categorical frequencies; filter keeps anomalies with four fields', async () => {
    // "The probability is defined as the product of the frequencies of each individual field value in the event."
    const rows = await run('* | anomalydetection user type pthresh=0.05', { events });
    // c/y: 0.1 · 0.1 = 0.01 ≤ 0.05; b/x: 0.2 · 0.9 = 0.18; a/x: 0.7 · 0.9 = 0.63.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user: 'c', type: 'y', probable_cause: 'user', probable_cause_freq: 0.1, max_freq: 0.1 });
    expect(rows[0].log_event_prob).toBeCloseTo(Math.log(0.01), 12);
  });

  it('annotate keeps every event; only the anomalous ones get the fields', async () => {
    const rows = await run('* | anomalydetection "user" "type" action=annotate pthresh=0.2', { events });
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.probable_cause !== undefined).map((r) => r.user)).toEqual(['b', 'b', 'c']);
    expect(rows[7]).toMatchObject({ probable_cause: 'user', probable_cause_freq: 0.2, max_freq: 0.9 });
  });

  it('cutoff=false without pthresh: log(event_prob) below Q1 − 1.5·IQR', async () => {
    // Sorted logs: ln 0.01, ln 0.18 ×2, ln 0.63 ×7. Q1 (rank 2.25) = ln 0.18 + 0.25·ln 3.5 ≈ −1.402,
    // Q3 (rank 6.75) = ln 0.63 ≈ −0.462, threshold ≈ −1.402 − 1.5·0.940 ≈ −2.81: only ln 0.01 ≈ −4.61 is below.
    const rows = await run('* | anomalydetection user type cutoff=false', { events });
    expect(rows.map((r) => r.user)).toEqual(['c']);
  });

  it('method=iqr performs like outlier', async () => {
    const rows = await run('* | anomalydetection method=iqr action=rm n', { events: [1, 2, 3, 4, 100].map((n) => ({ n })) });
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4]);
  });

  it('what the page leaves open is unsupported, named', async () => {
    await expect(run('* | anomalydetection user type', { events })).rejects.toThrow(/cutoff=true without pthresh/);
    await expect(run('* | anomalydetection n pthresh=0.1', { events: [{ n: 1 }, { n: 2 }] })).rejects.toThrow(/numerical field n/);
    await expect(run('* | anomalydetection method=zscore x', { events })).rejects.toThrow(UnsupportedError);
  });
});
