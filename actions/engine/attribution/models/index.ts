import type { AttributionModel } from '../model.js';
import type { ModelId } from '../schema.js';
import { first } from './first.js';
import { last } from './last.js';
import { linear } from './linear.js';
import { markov } from './markov.js';
import { position } from './position.js';
import { shapley } from './shapley.js';
import { timeDecay } from './time-decay.js';

/** Every model, one file each in this folder, in the order they are shown side by side. */
export const MODELS: readonly AttributionModel[] = [
  first,
  last,
  linear,
  position,
  timeDecay,
  markov,
  shapley,
];

export function modelById(id: ModelId): AttributionModel {
  const model = MODELS.find((m) => m.id === id);
  if (!model) throw new Error(`no attribution model "${id}"`);
  return model;
}
