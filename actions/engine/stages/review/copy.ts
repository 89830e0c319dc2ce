import type { Link, Nodes } from 'mdast';
import { copyTexts } from '../../assets/index.js';
import { markdownToText, nodeText, parseMarkdown } from '../../assets/shared/markdown-html.js';
import { formatPath } from '../../files/yaml.js';
import type { ReviewedAsset } from './reviewed-asset.js';

/** A piece of an asset's copy with the field it sits in (`sections[2].markdown`). */
export interface CopyText {
  where: string;
  text: string;
}

/*
 * Each check reads the same assets' copy, links and sentences; parsing markdown (micromark) is most of what
 * the checks cost, so each is worked out once per asset (WeakMap: gone with the asset) or per text.
 */
const copies = new WeakMap<ReviewedAsset, CopyText[]>();
const links = new WeakMap<ReviewedAsset, AssetLink[]>();
const SENTENCE_CACHE_SIZE = 2000;
const sentenceCache = new Map<string, string[]>();

/** Every string a reader sees, in document order (identifiers, URLs and enum values left out). */
export function copyOf(asset: ReviewedAsset): CopyText[] {
  let copy = copies.get(asset);
  if (!copy) {
    copy = asset.data ? copyTexts(asset.data) : [];
    copies.set(asset, copy);
  }
  return copy;
}

/** A link in an asset: a URL field (`cta.url`) or a markdown link inside copy, with its words. */
export interface AssetLink {
  where: string;
  href: string;
  /** The words that lead to it: a button label, link text, or LinkedIn's button. */
  label?: string;
}

const LABEL_KEYS = ['label', 'anchorText', 'ctaLabel', 'callToAction'] as const;

/** Every link of an asset, URL fields first, then links written inside its copy. */
export function linksOf(asset: ReviewedAsset): AssetLink[] {
  let found = links.get(asset);
  if (!found) {
    found = findLinks(asset);
    links.set(asset, found);
  }
  return found;
}

function findLinks(asset: ReviewedAsset): AssetLink[] {
  const links: AssetLink[] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, i]);
      });
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const label = LABEL_KEYS.map((k) => record[k]).find((v): v is string => typeof v === 'string');
      for (const [key, child] of Object.entries(record)) {
        if (typeof child === 'string' && (/url$/i.test(key) || key === 'link')) {
          links.push({ where: formatPath([...path, key]), href: child, ...(label ? { label } : {}) });
        } else walk(child, [...path, key]);
      }
    }
  };
  walk(asset.data, []);
  for (const { where, text } of copyOf(asset)) {
    const visit = (node: Nodes): void => {
      if (node.type === 'link') links.push({ where, href: (node as Link).url, label: nodeText(node) });
      if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
    };
    if (/\]\(|<https?:/.test(text)) visit(parseMarkdown(text));
  }
  return links;
}

/** Sentences of a copy text as a reader reads them (markdown removed). */
export function sentences(text: string): string[] {
  const cached = sentenceCache.get(text);
  if (cached) return cached;
  const found = splitSentences(text);
  if (sentenceCache.size >= SENTENCE_CACHE_SIZE) sentenceCache.clear();
  sentenceCache.set(text, found);
  return found;
}

function splitSentences(text: string): string[] {
  const plain = /[*_#[\]`>|]/.test(text) ? markdownToText(text) : text;
  return plain
    .split(/\n+/)
    .flatMap((paragraph) => paragraph.split(/(?<=[.!?])\s+(?=["“'‘(]?[\p{Lu}\p{N}])/u))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

/** Words of a text for comparing statements: lower case, letters and digits only. */
export const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}%]+/u)
    .filter(Boolean);
