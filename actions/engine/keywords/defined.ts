/** Drops keys whose value is undefined, so results compare, print and serialise cleanly. */
export function withoutUndefined<T extends object>(value: T): T {
  // A loop, not Object.fromEntries: same keys in the same order, without the slow dictionary-mode object.
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}
