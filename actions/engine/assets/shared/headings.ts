import type { Heading, Nodes } from 'mdast';
import { nodeText, parseMarkdown } from './markdown-html.js';
import { type ContentProblem, error } from './problems.js';

/** A heading of the page, wherever it comes from (a section field or inside section markdown). */
export interface PageHeading {
  level: number;
  text: string;
  where: string;
}

export function markdownHeadings(markdown: string, where: string): PageHeading[] {
  const found: PageHeading[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') found.push({ level: (node as Heading).depth, text: nodeText(node), where });
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(parseMarkdown(markdown));
  return found;
}

/**
 * Headings below the H1 must start at H2 and go down one level at a time: no H3 before an H2, no H4 right
 * after an H2. Screen readers and search engines read the outline from these levels.
 */
export function checkHeadingOrder(headings: readonly PageHeading[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  let previous = 1;
  for (const heading of headings) {
    if (heading.level === 1) continue; // reported by the one-H1 rule
    if (heading.level > previous + 1) {
      const message =
        previous === 1
          ? `heading "${heading.text}" is an H${heading.level} before any H2; start with an H2`
          : `heading "${heading.text}" is an H${heading.level} right after an H${previous}; go down one level at a time`;
      problems.push(error(heading.where, message));
    }
    previous = heading.level;
  }
  return problems;
}

/** Prose of markdown: paragraphs, lists and quotes, not headings. */
export function markdownProse(markdown: string): string {
  const root = parseMarkdown(markdown);
  return root.children
    .filter((node) => node.type !== 'heading')
    .map((node) => nodeText(node))
    .join('\n');
}
