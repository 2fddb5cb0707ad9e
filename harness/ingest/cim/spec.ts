/**
 * The shape of a CIM data model as data: datasets with their constraints (which events belong),
 * their fields, and the model's calculated fields. A child dataset's events are its parent's
 * events that also meet its own constraint. tstats names a field after the lineage of the dataset
 * that defines it: `Processes.process_name`, `All_Traffic.dest`, and for a field a child adds,
 * `All_Changes.Instance_Changes.image_id`.
 */

import type { Cond, Expr } from '../transforms.js';

export interface DatasetSpec {
  name: string;
  /** The parent dataset's name within the same model; absent for a root dataset. */
  parent?: string;
  /** Which events belong (on top of the parent's constraint). */
  constraint: Cond;
  /** The fields this dataset defines (inherited fields are listed on the ancestor). */
  fields: string[];
  /**
   * Calculated fields, in order (each sees the ones before it), evaluated on the event before it
   * is projected onto the dataset's fields.
   */
  calculated?: Record<string, Expr>;
}

export interface DataModelSpec {
  model: string;
  datasets: DatasetSpec[];
}
