/** How a keyword is shown: trimmed, inner whitespace collapsed, case as the tool wrote it. */
export function displayKeyword(raw: string): string {
  // Most keywords are already single-spaced and trimmed; testing is cheaper than rewriting.
  return /[^\S ]| {2}|^ | $/.test(raw) ? raw.replace(/\s+/g, ' ').trim() : raw;
}

/**
 * The identity two rows share when they are the same search: case, whitespace, Unicode
 * compatibility forms (full-width letters, ligatures) and curly quotes are ignored, because
 * tools differ in exactly these and Google treats them as the same query.
 */
export function keywordKey(raw: string): string {
  return displayKeyword(
    nfkc(raw)
      .toLowerCase()
      .replace(/[‘’‛´`]/g, "'")
      .replace(/[“”„]/g, '"'),
  );
}

/** Unicode compatibility form (NFKC). Printable ASCII is already in it; skipping ICU for it is much faster. */
export function nfkc(text: string): string {
  return isPrintableAscii(text) ? text : text.normalize('NFKC');
}

export function isPrintableAscii(text: string): boolean {
  return /^[ -~]*$/.test(text);
}
