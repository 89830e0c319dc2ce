/** What the fake LinkedIn holds, shaped as the Posts, Images and Advertising APIs return it. */

export interface FakePost {
  id: string;
  author: string;
  /** As sent (little text). */
  commentary: string;
  visibility: string;
  distribution: unknown;
  lifecycleState: string;
  content?: { media?: { id: string; altText?: string; title?: string }; article?: unknown };
  contentLandingPage?: string;
  contentCallToActionLabel?: string;
  adContext?: { dscAdAccount: string; dscStatus: string };
  createdAt: number;
  publishedAt: number;
  lastModifiedAt: number;
}

export interface FakeImage {
  urn: string;
  owner: string;
  bytes?: Buffer;
  contentType?: string;
}

export interface FakeAdAccount {
  id: string;
  name: string;
  currency: string;
  /** The organization the account advertises for (`urn:li:organization:…`). */
  reference: string;
  campaignGroups: string[];
}

export interface FakeCampaign {
  id: number;
  account: string;
  campaignGroup: string;
  name: string;
  status: string;
  body: Record<string, unknown>;
  createdAt: number;
}

export interface FakeCreative {
  id: string;
  campaign: string;
  name?: string;
  intendedStatus: string;
  post: string;
  createdAt: number;
}

export interface LinkedInState {
  posts: FakePost[];
  images: Map<string, FakeImage>;
  campaigns: FakeCampaign[];
  creatives: FakeCreative[];
  /** Post ids are 19 digits, beyond a JS number: a bigint. */
  nextPostId: bigint;
  /** Campaign, creative, image and token ids. */
  nextId: number;
}

export const emptyState = (): LinkedInState => ({
  posts: [],
  images: new Map(),
  campaigns: [],
  creatives: [],
  nextPostId: 7_100_000_000_000_000_000n,
  nextId: 500_000_001,
});

/**
 * What members see of a commentary: LinkedIn's little text renders up to the first unescaped markup
 * character and silently drops the rest (the API still answered 201). Hashtags and URLs survive.
 */
export function visibleText(commentary: string): string {
  const url = /https?:\/\/[^\s]*[^\s).,;:!?'"]/g;
  let out = '';
  let last = 0;
  const plain = (text: string): { text: string; cut: boolean } => {
    let result = '';
    for (let i = 0; i < text.length; i++) {
      const char = text[i] ?? '';
      if (char === '\\' && /[\\|{}@[\]()<>*_~#]/.test(text[i + 1] ?? '')) {
        result += text[i + 1];
        i++;
      } else if (char === '#' && /[\p{L}\p{N}_]/u.test(text[i + 1] ?? '')) {
        result += char;
      } else if (/[\\|{}@[\]()<>*_~#]/.test(char)) {
        return { text: result, cut: true };
      } else {
        result += char;
      }
    }
    return { text: result, cut: false };
  };
  for (const match of commentary.matchAll(url)) {
    const part = plain(commentary.slice(last, match.index));
    out += part.text;
    if (part.cut) return out;
    out += match[0];
    last = (match.index ?? 0) + match[0].length;
  }
  return out + plain(commentary.slice(last)).text;
}

/** Hashtags read back as LinkedIn's template, `{hashtag|\#|word}`. */
export const readBackCommentary = (commentary: string): string =>
  commentary.replace(/(^|[^\\\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu, '$1{hashtag|\\#|$2}');
