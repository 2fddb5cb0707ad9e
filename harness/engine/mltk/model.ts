/**
 * MLTK models as `apply` finds them: MLTK saves a model fitted with `fit ... into <name>` as the
 * lookup file `__mlspl_<name>.mlmodel`, a CSV with the columns `algo`, `model` and `options`;
 * `model` is MLTK's JSON codec of the algorithm object (`__mlspl_type` names each class,
 * ndarrays are base64 `.npy`). A content tree may ship such a file (ESCU ships five), so
 * `apply` can run whatever the harness can evaluate from it exactly:
 * - LinearRegression (scikit-learn's LinearRegression inside MLTK's wrapper): the prediction is
 *   `intercept_ + Σ coef_[i] · x[i]` over the model's feature columns, written to
 *   `predicted(<target>)`. Only models fitted on numeric features (their encoded `columns` equal
 *   their `feature_variables`) are read; categorical one-hot columns would need MLTK's encoder.
 * Every other algorithm (DensityFunction, DSDL's MLTKContainer, ...) is reported unsupported
 * naming it, and a model the content does not ship is unsupported because only `fit` on the
 * organisation's own history could train it.
 */
import type { LookupTable } from '../types.js';
import { readNpyFloat64 } from './npy.js';

/** The lookup name under which MLTK stores a model. */
export const modelLookupName = (model: string) => `__mlspl_${model}`;

/** The model a `__mlspl_<name>` lookup name stores, undefined for any other lookup. */
export const mltkModelName = (lookup: string) => (lookup.startsWith('__mlspl_') ? lookup.slice('__mlspl_'.length) : undefined);

export interface LinearModel {
  algo: 'LinearRegression';
  target: string;
  features: string[];
  coefficients: number[];
  intercept: number;
}

export type ModelRead = { model: LinearModel } | { unsupported: string };

type Json = Record<string, unknown>;
const obj = (x: unknown): Json | undefined => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : undefined);
const strings = (x: unknown): string[] | undefined => (Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : undefined);

/** Reads the model a `__mlspl_<name>` table holds; `unsupported` says why it cannot run. */
export function readModel(name: string, table: LookupTable | undefined): ModelRead {
  if (!table) return { unsupported: `${name} (no trained model in the content: MLTK's fit trains it on the organisation's data)` };
  const row = table.rows[0];
  const algo = row?.algo ?? '';
  if (algo !== 'LinearRegression') return { unsupported: `${name} (algorithm ${algo || 'unknown'})` };
  let codec: Json | undefined;
  try {
    codec = obj(JSON.parse(row.model ?? ''));
  } catch {
    return { unsupported: `${name} (model text is not MLTK's JSON codec)` };
  }
  const wrapper = obj(codec?.dict);
  const estimator = obj(obj(wrapper?.estimator)?.dict);
  const features = strings(wrapper?.feature_variables);
  const columns = strings(wrapper?.columns);
  const target = typeof wrapper?.target_variable === 'string' ? wrapper.target_variable : undefined;
  if (!estimator || !features || !columns || !target) return { unsupported: `${name} (LinearRegression model without estimator, features or target)` };
  if (columns.length !== features.length || columns.some((c, i) => c !== features[i]))
    return { unsupported: `${name} (LinearRegression on categorical features)` };
  const coefText = obj(estimator.coef_)?.npy;
  const coefficients = typeof coefText === 'string' ? readNpyFloat64(Buffer.from(coefText, 'base64')) : 'no coef_ array';
  if (typeof coefficients === 'string') return { unsupported: `${name} (coef_: ${coefficients})` };
  if (coefficients.length !== columns.length) return { unsupported: `${name} (coef_ has ${coefficients.length} values for ${columns.length} columns)` };
  const intercept = estimator.fit_intercept === false ? 0 : Number(estimator.intercept_);
  if (!Number.isFinite(intercept)) return { unsupported: `${name} (intercept_ is not a number)` };
  return { model: { algo: 'LinearRegression', target, features, coefficients, intercept } };
}
