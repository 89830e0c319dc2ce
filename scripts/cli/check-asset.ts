import { contextFromFrontMatter } from '../../actions/engine/artifacts/asset-data.js';
import { BrandVoice } from '../../actions/engine/artifacts/brand.js';
import type { AssetType } from '../../actions/engine/assets/asset-type.js';
import { checkAsset } from '../../actions/engine/assets/index.js';
import type { Problem } from '../../actions/engine/errors.js';
import type { FrontMatterDocument } from '../../actions/engine/files/front-matter.js';

/** `headlines[2].text` → `['headlines', 2, 'text']`, the path style of content problems. */
function pathOf(where: string): (string | number)[] {
  return [...where.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] === undefined ? (m[1] ?? '') : Number(m[2]),
  );
}

/**
 * Runs an asset type's limits, variant and brand rules on the `asset:` data kept in a content file's
 * front matter: errors fail the check, warnings are reported. Without a brand file, the brand rules run
 * with an empty brand (no words to avoid, no product facts).
 */
export function checkAssetFront(
  file: string,
  type: AssetType,
  doc: FrontMatterDocument,
  brand?: BrandVoice,
): { errors: Problem[]; warnings: Problem[] } {
  if (doc.data.asset === undefined) return { errors: [], warnings: [] };
  const voice =
    brand ??
    BrandVoice.parse({
      name: String(doc.data.campaign ?? 'brand'),
      tone: '(not given)',
      audience: '(not given)',
    });
  const ctx = contextFromFrontMatter(type, doc.data, voice);
  if (!ctx) {
    return {
      errors: [
        {
          where: `${file} asset`,
          message: 'cannot be checked: channel, date or campaign in the front matter is missing or invalid',
        },
      ],
      warnings: [],
    };
  }
  const problems = checkAsset(type, doc.data.asset, ctx).map((p) => {
    const line = doc.lineOf(['asset', ...pathOf(p.where)]) ?? doc.lineOf(['asset']);
    const problem: Problem & { severity: string } = {
      where: `${file} asset.${p.where}`,
      message: p.message,
      severity: p.severity,
    };
    if (line !== undefined) problem.line = line;
    return problem;
  });
  const strip = ({ severity: _s, ...p }: Problem & { severity: string }): Problem => p;
  return {
    errors: problems.filter((p) => p.severity === 'error').map(strip),
    warnings: problems.filter((p) => p.severity === 'warning').map(strip),
  };
}
