import { WORD_NUMBERS } from '../../../brief-lines/index.js';
import { type CheckResult, type CodeCheck, finding, noResult } from '../code-check.js';
import { copyOf } from '../copy.js';
import { textLine } from '../locate.js';
import type { ReviewedAsset } from '../reviewed-asset.js';

// Longest first, so "a dozen" wins over "dozen" and "twelve" is never cut short.
const NUM = `(?:\\d+|${Object.keys(WORD_NUMBERS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const RANGE = `${NUM}(?:\\s*(?:to|-|–|—|or)\\s*${NUM})?`;

/** A fact campaigns state in numbers, found by its phrasings; `value` is its normal form ("2–5"). */
interface StatedFact {
  label: string;
  patterns: RegExp[];
}

/** Facts that must read the same in every asset. One entry per fact; each pattern's group 1 is the number. */
const STATED_FACTS: readonly StatedFact[] = [
  {
    label: 'the team size',
    patterns: [
      new RegExp(`\\bteams? of (${RANGE})\\b`, 'giu'),
      new RegExp(`\\b(${RANGE})[- ](?:person|people|marketer)s? (?:marketing )?teams?\\b`, 'giu'),
      new RegExp(
        `\\bteams?\\b(?:\\s+[\\p{L}'’]+){0,4}?\\s+(?:is|are|has|have|with|of)\\s+(?:just |only |about |around )?(${RANGE})\\s+(?:people|marketers|persons?)\\b`,
        'giu',
      ),
      new RegExp(
        `\\b(${RANGE})\\s+(?:people|marketers)\\s+(?:on|in)\\s+(?:the|your|a|their)\\s+(?:marketing\\s+)?team\\b`,
        'giu',
      ),
    ],
  },
];

/** `content/<id>/blog/x.md` → `blog/x.md`: the campaign's folder goes without saying. */
const shortPath = (path: string): string => path.split('/').slice(2).join('/');

const toNumber = (word: string): number => WORD_NUMBERS[word.toLowerCase()] ?? Number(word);

/** "two to five" → "2–5"; "a team of two" → "2". */
export function normalRange(text: string): string {
  const numbers = [...text.matchAll(new RegExp(NUM, 'giu'))].map((m) => toNumber(m[0]));
  const [low, high] = numbers;
  return high !== undefined && high !== low ? `${low}–${high}` : String(low);
}

interface Statement {
  asset: ReviewedAsset;
  line?: number;
  phrase: string;
  value: string;
}

function statementsOf(fact: StatedFact, asset: ReviewedAsset): Statement[] {
  const found: Statement[] = [];
  for (const { where, text } of copyOf(asset)) {
    if (/^form\./.test(where)) continue;
    for (const pattern of fact.patterns) {
      for (const match of text.matchAll(pattern)) {
        const phrase = match[0];
        if (found.some((s) => s.phrase.includes(phrase) || phrase.includes(s.phrase))) continue;
        found.push({
          asset,
          phrase,
          value: normalRange(match[1] ?? ''),
          line: textLine(asset, where, phrase),
        });
      }
    }
  }
  return found;
}

/**
 * The same fact is stated the same way across assets (and as brand.yml states it): a team size of "one to
 * five" in one asset and "a team of two" in another is major in both, each naming the others.
 */
export const consistencyCheck: CodeCheck = {
  id: 'consistency',
  rule: 'A fact stated in several assets (team size, …) is stated the same way in each, and as brand.yml states it',
  run({ assets, brand }) {
    const result: CheckResult = noResult();
    const brandText = [brand.audience, ...brand.productFacts].join('\n');
    for (const fact of STATED_FACTS) {
      const statements = assets.flatMap((a) => (a.data ? statementsOf(fact, a) : []));
      const canonical = fact.patterns
        .flatMap((p) => [...brandText.matchAll(p)])
        .map((m) => normalRange(m[1] ?? ''))[0];
      const conflict = new Set(statements.map((s) => s.value)).size > 1;
      for (const s of statements) {
        if (!conflict && (canonical === undefined || s.value === canonical)) continue;
        const others = statements
          .filter((o) => o.value !== s.value)
          .slice(0, 3)
          .map((o) => `“${o.phrase}” in ${shortPath(o.asset.path)}${o.line ? `:${o.line}` : ''}`);
        const brandSays =
          canonical !== undefined && canonical !== s.value ? `brand.yml says ${canonical}` : '';
        const elsewhere = [brandSays, ...others].filter(Boolean).join('; ');
        result.findings.push(
          finding(
            'consistency',
            'major',
            s.asset,
            s.line,
            `states ${fact.label} as “${s.phrase}” (${s.value}); elsewhere: ${elsewhere}. State it the same way in every asset`,
            s.phrase,
          ),
        );
      }
    }
    return result;
  },
};
