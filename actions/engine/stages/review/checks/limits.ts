import { checkAsset } from '../../../assets/index.js';
import { checkBrand } from '../../../assets/shared/brand-checks.js';
import { type CheckResult, type CodeCheck, finding, noResult } from '../code-check.js';
import { fieldLine } from '../locate.js';

/**
 * Every rule of the asset's type (`checkAsset`: platform limits, lengths, counts, required fields, form and
 * heading rules): an error blocks, a warning is minor. The brand rules `checkAsset` also applies are the
 * brand check's, so they are left to it; a file that cannot be read as an asset is a blocker.
 */
export const limitsCheck: CodeCheck = {
  id: 'limits',
  rule: "Every hard limit and rule of the asset's type, as the content stage checks it",
  run({ assets, brand }) {
    const result: CheckResult = noResult();
    for (const asset of assets) {
      if (asset.problem) {
        result.findings.push(
          finding('limits', 'blocker', asset, 1, `the file cannot be reviewed: ${asset.problem}`),
        );
        continue;
      }
      if (!asset.type || !asset.context) {
        result.findings.push(
          finding(
            'limits',
            'blocker',
            asset,
            asset.statusLine,
            'its front matter lacks the channel, date or campaign the checks need',
          ),
        );
        continue;
      }
      const brandRules = new Set(
        checkBrand(asset.type, asset.data, brand).map((p) => `${p.where}\u0000${p.message}`),
      );
      for (const problem of checkAsset(asset.type, asset.data, asset.context)) {
        if (brandRules.has(`${problem.where}\u0000${problem.message}`)) continue;
        result.findings.push(
          finding(
            'limits',
            problem.severity === 'error' ? 'blocker' : 'minor',
            asset,
            fieldLine(asset, problem.where),
            `${problem.where}: ${problem.message}`,
          ),
        );
      }
    }
    return result;
  },
};
