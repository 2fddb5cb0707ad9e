/**
 * Naming the data model dataset a search reads. A search names a dataset (`Endpoint.Processes`),
 * a whole model with a single root (`datamodel=Network_Traffic`), or a model plus `nodename=`;
 * the ingest layer resolves each of these to its dataset.
 */
import type { EngineSource, Event } from '../../types.js';
import type { Command } from '../../../spl/ast.js';

export function datasetName(datamodel: string, nodename?: string): string {
  const name = datamodel.replace(/^"|"$/g, '').replace(/:/g, '.');
  if (!nodename) return name;
  const model = name.split('.')[0];
  return `${model}.${nodename.replace(/^"|"$/g, '')}`;
}

/** The dataset's events, or undefined when the source has no such dataset. */
export function datasetEvents(source: EngineSource, datamodel: string, nodename?: string, reader?: Command): AsyncIterable<Event> | undefined {
  return source.datamodel(datasetName(datamodel, nodename), reader);
}
