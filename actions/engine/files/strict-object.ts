import { z } from 'zod';

/** Edit distance between two words (insertions, deletions, substitutions, swaps of neighbours). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The known name a mistyped one most likely meant (`spendCapUSD` → `spendCapUsd`), if any is close. */
export function closestName(word: string, names: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const same = names.find((n) => n.toLowerCase() === lower);
  if (same) return same;
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = distance(lower, name.toLowerCase());
    if (d <= Math.max(1, Math.floor(name.length / 3)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** What to say about one unknown key: the field it probably meant, or the fields there are. */
export function unknownKeyMessage(key: string, known: readonly string[], what = 'field'): string {
  const near = closestName(key, known);
  return near
    ? `is not a ${what}; did you mean ${near}?`
    : `is not a ${what}; the fields are ${known.join(', ')}`;
}

/**
 * An object schema that refuses keys it does not know, saying which known key each one probably meant:
 * a typo such as `spendCapUSD` must never be silently dropped (the cap would fall back to the default).
 */
export function strictObject<T extends z.ZodRawShape>(shape: T, what = 'field') {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `"${key}" ${unknownKeyMessage(key, known, what)}`).join('; ')
        : undefined,
  });
}

/** The keys an object schema knows at `path` inside `schema` (through arrays, optionals and defaults). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.core.$ZodType | undefined = schema;
  const rest = [...path];
  while (current) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      if (rest.length === 0) return Object.keys(shape);
      current = shape[String(rest.shift())];
    } else if (def.type === 'array') {
      rest.shift();
      current = def.element as z.core.$ZodType;
    } else if ('innerType' in def) current = def.innerType as z.core.$ZodType;
    else if (def.type === 'pipe') current = def.in as z.core.$ZodType;
    else return [];
  }
  return [];
}
