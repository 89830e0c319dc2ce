import { numberedAssetPath } from '../../artifacts/asset.js';
import type { ProducedAsset } from './generate.js';

/** The asset's files moved from its markdown path to `path`: extra files keep their suffix after the name. */
function moved(produced: ProducedAsset, path: string): ProducedAsset {
  const from = produced.path;
  if (!from || from === path) return produced;
  const stem = from.slice(0, -3);
  return {
    ...produced,
    path,
    files: produced.files.map((f) => ({
      ...f,
      path: f.path.startsWith(stem) ? `${path.slice(0, -3)}${f.path.slice(stem.length)}` : f.path,
    })),
  };
}

/**
 * Gives every asset files no other asset has, in plan order (so the same plan always gets the same paths
 * whatever order the answers arrived in): an asset whose markdown or extra files (a landing page's HTML)
 * would land on another's gets the first free `-<n>` suffix.
 */
export function withUniquePaths(produced: readonly ProducedAsset[]): ProducedAsset[] {
  const taken = new Set<string>();
  return produced.map((p) => {
    if (!p.path) return p;
    for (let n = 1; ; n++) {
      const candidate = moved(p, numberedAssetPath(p.path, n));
      if (candidate.files.every((f) => !taken.has(f.path))) {
        for (const f of candidate.files) taken.add(f.path);
        return candidate;
      }
    }
  });
}
