import type { SocialPlatform } from '../artifacts/brief-parts.js';
import { AssetType } from '../assets/asset-type.js';
import { overlaps, phrasePattern, type Span } from './text.js';

/** An asset type named in a line, and the network when the words name one ("LinkedIn posts", "tweets"). */
export interface AssetTypeMatch extends Span {
  type: AssetType;
  platform?: SocialPlatform;
  /** The words as the line writes them. */
  phrase: string;
}

/** What people call each asset type; singular forms, plurals are matched too. */
const NAMES: readonly (readonly [phrase: string, type: AssetType, platform?: SocialPlatform])[] = [
  ['blog post', 'blog-post'],
  ['blog', 'blog-post'],
  ['blog article', 'blog-post'],
  ['article', 'blog-post'],
  ['seo article', 'blog-post'],
  ['landing page', 'landing-page'],
  ['landing', 'landing-page'],
  ['lander', 'landing-page'],
  ['lp', 'landing-page'],
  ['email sequence', 'email-sequence'],
  ['sequence', 'email-sequence'],
  ['email nurture', 'email-sequence'],
  ['nurture sequence', 'email-sequence'],
  ['nurture email sequence', 'email-sequence'],
  ['drip sequence', 'email-sequence'],
  ['drip campaign', 'email-sequence'],
  ['email campaign', 'email-sequence'],
  ['email flow', 'email-sequence'],
  ['social post', 'social-post'],
  ['social media post', 'social-post'],
  ['social', 'social-post'],
  ['linkedin post', 'social-post', 'linkedin'],
  ['tweet', 'social-post', 'x'],
  ['x post', 'social-post', 'x'],
  ['twitter post', 'social-post', 'x'],
  ['rsa', 'google-rsa'],
  ['google ad', 'google-rsa'],
  ['google search ad', 'google-rsa'],
  ['responsive search ad', 'google-rsa'],
  ['google responsive search ad', 'google-rsa'],
  ['search ad', 'google-rsa'],
  ['google ads campaign', 'google-rsa'],
  ['linkedin ad', 'linkedin-ad'],
  ['linkedin ads campaign', 'linkedin-ad'],
  ['linkedin campaign', 'linkedin-ad'],
  ['linkedin sponsored post', 'linkedin-ad'],
  ['sponsored content', 'linkedin-ad'],
  ['sponsored post', 'linkedin-ad'],
  ['lead magnet', 'lead-magnet'],
  ['ebook', 'lead-magnet'],
  ['e-book', 'lead-magnet'],
  ['whitepaper', 'lead-magnet'],
  ['white paper', 'lead-magnet'],
  ['guide', 'lead-magnet'],
  ['checklist', 'lead-magnet'],
  ['template', 'lead-magnet'],
  ['gated content', 'lead-magnet'],
];

function plurals(phrase: string): string[] {
  const forms = [phrase];
  if (/(?:s|x|ch|sh)$/.test(phrase)) forms.push(`${phrase}es`);
  else forms.push(`${phrase}s`);
  return forms;
}

const PATTERNS = [
  ...AssetType.options.flatMap((type) =>
    plurals(type).map((phrase) => ({ phrase, type, platform: undefined })),
  ),
  ...NAMES.flatMap(([phrase, type, platform]) => plurals(phrase).map((p) => ({ phrase: p, type, platform }))),
].map((entry) => ({ ...entry, pattern: phrasePattern(entry.phrase) }));

/** The asset types a line names, longest phrase first where two overlap, in the order they appear. */
export function findAssetTypes(text: string): AssetTypeMatch[] {
  const all: AssetTypeMatch[] = [];
  for (const { pattern, type, platform } of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      all.push({
        start: m.index,
        end: m.index + m[0].length,
        type,
        phrase: m[0],
        ...(platform === undefined ? {} : { platform }),
      });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: AssetTypeMatch[] = [];
  for (const match of all) if (!kept.some((k) => overlaps(k, match))) kept.push(match);
  return kept.sort((a, b) => a.start - b.start);
}

/** Maps `blog posts`, `Social posts`, `Google ads`, `ebook`, `blog-post` to an asset type. */
export function normaliseAssetType(text: string): AssetType | undefined {
  const found = findAssetTypes(text.trim());
  const only = found[0];
  return found.length === 1 && only && text.trim().length - (only.end - only.start) <= 1
    ? only.type
    : undefined;
}

/** Things people ask for that are not assets Crescendo writes, and where they belong instead. */
export const NOT_ASSETS: readonly (readonly [RegExp, string])[] = [
  [
    /\bnewsletters?\b/i,
    'a newsletter is a cadence, not an asset: write it under Publishing cadence, like `weekly newsletter`',
  ],
  [
    /\b(?:podcasts?|videos?|webinars?|infographics?|case stud(?:y|ies))\b/i,
    'Crescendo does not write these yet',
  ],
];

/** How to say a number of assets of a type in a sentence. */
export function assetNoun(type: AssetType, count: number): string {
  const [one, many] = NOUNS[type];
  return count === 1 ? one : many;
}

const NOUNS: Readonly<Record<AssetType, readonly [string, string]>> = {
  'blog-post': ['blog post', 'blog posts'],
  'landing-page': ['landing page', 'landing pages'],
  'email-sequence': ['email sequence', 'email sequences'],
  'social-post': ['social post', 'social posts'],
  'google-rsa': ['Google search ad', 'Google search ads'],
  'linkedin-ad': ['LinkedIn ad', 'LinkedIn ads'],
  'lead-magnet': ['lead magnet', 'lead magnets'],
};
