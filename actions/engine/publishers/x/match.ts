import { normaliseSpace, sameTrackedLink } from '../social-post-item.js';

/** Recognising our post among the account's: X shortens every link to t.co and HTML-escapes `& < >`. */

export interface XPost {
  id: string;
  text: string;
  created_at?: string;
  entities?: { urls?: { url: string; expanded_url?: string }[] };
}

const unescapeHtml = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The text as it was written: t.co links back to the links they stand for. */
export function writtenText(post: XPost): string {
  let text = unescapeHtml(post.text);
  for (const url of post.entities?.urls ?? []) {
    if (url.expanded_url) text = text.split(url.url).join(url.expanded_url);
  }
  return text;
}

export function isOurPost(post: XPost, text: string, link: string | undefined): boolean {
  if (normaliseSpace(writtenText(post)) === normaliseSpace(text)) return true;
  if (!link) return false;
  return (post.entities?.urls ?? []).some(
    (u) => u.expanded_url !== undefined && sameTrackedLink(u.expanded_url, link),
  );
}
