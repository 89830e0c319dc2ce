import { containsPhrase, phrasePattern } from '../../../assets/shared/phrase.js';
import { type CheckResult, type CodeCheck, finding, noResult } from '../code-check.js';
import { copyOf } from '../copy.js';
import { textLine } from '../locate.js';
import { contentWords } from '../words.js';

/** Copy long enough that it should carry at least one of the brand's own words. */
const WORDS_TO_USE_FROM = 40;

/**
 * brand.yml's words: each word to avoid is a blocker at its line; a required disclaimer missing from an
 * asset it applies to is a blocker; an asset of some length using none of the words to use is minor.
 */
export const brandCheck: CodeCheck = {
  id: 'brand',
  rule: 'brand.yml: no word to avoid, every required disclaimer, some of the words to use',
  run({ assets, brand }) {
    const result: CheckResult = noResult();
    for (const asset of assets) {
      if (!asset.data || !asset.type) continue;
      const copy = copyOf(asset);
      for (const { where, text } of copy) {
        for (const word of brand.wordsToAvoid) {
          const match = phrasePattern(word).exec(text.normalize('NFC'));
          if (!match) continue;
          result.findings.push(
            finding(
              'brand',
              'blocker',
              asset,
              textLine(asset, where, match[0]),
              `uses “${match[0]}”; brand.yml lists “${word}” under wordsToAvoid`,
              match[0],
            ),
          );
        }
      }
      const all = copy.map((c) => c.text).join('\n');
      for (const disclaimer of brand.requiredDisclaimers) {
        if (disclaimer.appliesTo && !disclaimer.appliesTo.includes(asset.type)) continue;
        if (!containsPhrase(all, disclaimer.text)) {
          result.findings.push(
            finding(
              'brand',
              'blocker',
              asset,
              asset.lineOf(['asset']),
              `the required disclaimer “${disclaimer.text}” (brand.yml) is missing`,
            ),
          );
        }
      }
      if (
        brand.wordsToUse.length > 0 &&
        contentWords(all).length >= WORDS_TO_USE_FROM &&
        !brand.wordsToUse.some((w) => containsPhrase(all, w))
      ) {
        result.findings.push(
          finding(
            'brand',
            'minor',
            asset,
            asset.lineOf(['asset']),
            `uses none of brand.yml's words to use (${brand.wordsToUse.join(', ')})`,
          ),
        );
      }
    }
    return result;
  },
};
