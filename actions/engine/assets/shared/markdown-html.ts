import type { Nodes, Root, RootContent, Table } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import { escapeHtml, safeUrl } from './html.js';

/*
 * Markdown to HTML for model-written bodies, without remark-rehype: remark (with GFM) parses to mdast and
 * this file renders the nodes it knows. Text is always escaped; raw HTML in the markdown is shown as text,
 * never passed through; link and image URLs go through `safeUrl`. Emails need inline styles on every tag,
 * so a style per tag can be given.
 */

const parser = remark().use(remarkGfm);

export function parseMarkdown(markdown: string): Root {
  return parser.runSync(parser.parse(markdown)) as Root;
}

export type StyledTag =
  | 'p'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'a'
  | 'ul'
  | 'ol'
  | 'li'
  | 'blockquote'
  | 'pre'
  | 'code'
  | 'hr'
  | 'img'
  | 'table'
  | 'th'
  | 'td';

export interface MarkdownHtmlOptions {
  /** Inline `style` per tag, for email clients that ignore <style>. */
  styles?: Partial<Record<StyledTag, string>>;
  /** Shift headings down, e.g. 1 turns `#` into <h2> when the page already has its <h1>. */
  headingOffset?: number;
  /** Rewrites link targets, e.g. to add UTM parameters in emails. */
  linkHref?: (url: string) => string;
}

export function markdownToHtml(markdown: string, options: MarkdownHtmlOptions = {}): string {
  const root = parseMarkdown(markdown);
  return renderChildren(root.children, options, new Map(), collectDefinitions(root));
}

/** Plain text of a markdown string, as a reader sees it (no markup). */
export function markdownToText(markdown: string): string {
  return nodeText(parseMarkdown(markdown));
}

export function nodeText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'html') return node.value;
  if ('children' in node) {
    const separator = node.type === 'root' || node.type === 'list' || node.type === 'blockquote' ? '\n' : '';
    return (node.children as Nodes[]).map(nodeText).join(separator);
  }
  if (node.type === 'image') return node.alt ?? '';
  return '';
}

function collectDefinitions(root: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'definition') definitions.set(node.identifier, node.url);
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(root);
  return definitions;
}

type Footnotes = Map<string, number>;

function open(tag: StyledTag, options: MarkdownHtmlOptions, attributes = ''): string {
  const style = options.styles?.[tag];
  return `<${tag}${attributes}${style ? ` style="${escapeHtml(style)}"` : ''}>`;
}

function renderChildren(
  nodes: readonly Nodes[],
  options: MarkdownHtmlOptions,
  footnotes: Footnotes,
  definitions: Map<string, string>,
): string {
  return nodes.map((n) => renderNode(n, options, footnotes, definitions)).join('');
}

function href(url: string, options: MarkdownHtmlOptions): string {
  const safe = safeUrl(url);
  return escapeHtml(options.linkHref && safe !== '#' ? options.linkHref(safe) : safe);
}

function renderNode(
  node: Nodes | RootContent,
  options: MarkdownHtmlOptions,
  footnotes: Footnotes,
  definitions: Map<string, string>,
): string {
  const children = (list: readonly Nodes[]): string => renderChildren(list, options, footnotes, definitions);
  switch (node.type) {
    case 'root':
      return children(node.children);
    case 'paragraph':
      return `${open('p', options)}${children(node.children)}</p>\n`;
    case 'heading': {
      const level = Math.min(6, node.depth + (options.headingOffset ?? 0));
      const tag = `h${level}` as StyledTag;
      return `${open(tag, options)}${children(node.children)}</${tag}>\n`;
    }
    case 'text':
      return escapeHtml(node.value);
    case 'emphasis':
      return `<em>${children(node.children)}</em>`;
    case 'strong':
      return `<strong>${children(node.children)}</strong>`;
    case 'delete':
      return `<del>${children(node.children)}</del>`;
    case 'inlineCode':
      return `${open('code', options)}${escapeHtml(node.value)}</code>`;
    case 'break':
      return '<br>\n';
    case 'thematicBreak':
      return `${open('hr', options)}\n`;
    case 'blockquote':
      return `${open('blockquote', options)}\n${children(node.children)}</blockquote>\n`;
    case 'code':
      return `${open('pre', options)}${open('code', options)}${escapeHtml(node.value)}</code></pre>\n`;
    case 'html':
      // Raw HTML from the model is data, not markup.
      return escapeHtml(node.value);
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      const start = node.ordered && node.start !== null && node.start !== undefined && node.start !== 1;
      return `${open(tag, options, start ? ` start="${node.start}"` : '')}\n${children(node.children)}</${tag}>\n`;
    }
    case 'listItem': {
      // Tight lists put paragraphs straight in the <li>, as CommonMark renders them.
      const inner = node.spread
        ? children(node.children)
        : node.children.map((c) => (c.type === 'paragraph' ? children(c.children) : children([c]))).join('');
      const box = node.checked === null || node.checked === undefined ? '' : node.checked ? '☑ ' : '☐ ';
      return `${open('li', options)}${box}${inner}</li>\n`;
    }
    case 'link':
      return `${open('a', options, ` href="${href(node.url, options)}"`)}${children(node.children)}</a>`;
    case 'linkReference': {
      const url = definitions.get(node.identifier);
      return url === undefined
        ? children(node.children)
        : `${open('a', options, ` href="${href(url, options)}"`)}${children(node.children)}</a>`;
    }
    case 'image':
      return `${open('img', options, ` src="${escapeHtml(safeUrl(node.url))}" alt="${escapeHtml(node.alt ?? '')}"`)}`;
    case 'imageReference': {
      const url = definitions.get(node.identifier);
      return url === undefined
        ? escapeHtml(node.alt ?? '')
        : open('img', options, ` src="${escapeHtml(safeUrl(url))}" alt="${escapeHtml(node.alt ?? '')}"`);
    }
    case 'table':
      return renderTable(node, options, children);
    case 'footnoteReference': {
      const number = footnotes.get(node.identifier) ?? footnotes.size + 1;
      footnotes.set(node.identifier, number);
      return `<sup>[${number}]</sup>`;
    }
    case 'footnoteDefinition': {
      const number = footnotes.get(node.identifier) ?? footnotes.size + 1;
      footnotes.set(node.identifier, number);
      return `${open('p', options)}<sup>[${number}]</sup> ${node.children.map((c) => (c.type === 'paragraph' ? children(c.children) : children([c]))).join(' ')}</p>\n`;
    }
    case 'definition':
    case 'yaml':
      return '';
    default:
      return 'children' in node ? children(node.children as Nodes[]) : '';
  }
}

function renderTable(
  table: Table,
  options: MarkdownHtmlOptions,
  children: (list: readonly Nodes[]) => string,
): string {
  const rows = table.children.map((row, r) => {
    const cells = row.children.map((cell, c) => {
      const tag: StyledTag = r === 0 ? 'th' : 'td';
      const align = table.align?.[c];
      return `${open(tag, options, align ? ` align="${align}"` : '')}${children(cell.children)}</${tag}>`;
    });
    return `<tr>${cells.join('')}</tr>\n`;
  });
  const [head, ...body] = rows;
  return `${open('table', options)}\n<thead>\n${head ?? ''}</thead>\n<tbody>\n${body.join('')}</tbody>\n</table>\n`;
}
