import type { Nodes } from 'mdast';
import { parseMarkdown } from './markdown-html.js';

/** Every link (inline or by reference) in markdown. */
export function markdownLinks(markdown: string): string[] {
  const urls: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'definition') urls.push(node.url);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(parseMarkdown(markdown));
  return urls;
}

/**
 * An internal link points at the brand's own site: a root-relative path (`/pricing`), or an absolute URL on
 * one of `siteHosts` (the brand website, the campaign landing page).
 */
export function isInternalLink(url: string, siteHosts: readonly string[]): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return siteHosts.some((h) => h.replace(/^www\./, '') === host);
  } catch {
    return false;
  }
}

export function hostsOf(...urls: (string | undefined)[]): string[] {
  const hosts: string[] = [];
  for (const url of urls) {
    if (!url) continue;
    try {
      hosts.push(new URL(url).hostname);
    } catch {
      // Not a URL: contributes no host.
    }
  }
  return hosts;
}
