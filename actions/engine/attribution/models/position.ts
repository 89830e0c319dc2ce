import { type AttributionModel, creditByPosition } from '../model.js';

/** 40 % first, 40 % last, 20 % spread over the touches between; two touches 50/50, one touch 100 %. */
export function positionShare(length: number, position: number): number {
  if (length === 1) return 1;
  if (length === 2) return 0.5;
  if (position === 0 || position === length - 1) return 0.4;
  return 0.2 / (length - 2);
}

export const position: AttributionModel = {
  id: 'position',
  summary: 'position-based (U-shaped): 40 % first touch, 40 % last, 20 % shared by the middle',
  run: (table) => ({ credit: creditByPosition(table, positionShare) }),
};
