/** How a keyword is shown: trimmed, inner whitespace collapsed, case as the tool wrote it. */
export function displayKeyword(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/**
 * The identity two rows share when they are the same search: case, whitespace, Unicode
 * compatibility forms (full-width letters, ligatures) and curly quotes are ignored, because
 * tools differ in exactly these and Google treats them as the same query.
 */
export function keywordKey(raw: string): string {
  return displayKeyword(
    raw
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[‘’‛´`]/g, "'")
      .replace(/[“”„]/g, '"'),
  );
}
