/** Helpers for writing model text into generated markdown without breaking its structure. */

/** One line: newlines become spaces (a heading or list item cannot span lines). */
export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** A table cell: one line, pipes escaped. */
export const tableCell = (text: string): string => oneLine(text).replace(/\|/g, '\\|');

/** A markdown link target in angle brackets, so spaces and parentheses cannot end it early. */
export const linkTarget = (url: string): string => `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`;
