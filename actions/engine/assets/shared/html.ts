/** Escaping for text and attribute values: everything the model or a person wrote goes through here. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A URL safe to put in href/src: http(s), mailto and tel, or relative (`/x`, `#x`, `./x`, `x.html`).
 * Anything else (`javascript:`, `data:`, `vbscript:` …) becomes `#`.
 */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so test without them.
  const compact = Array.from(trimmed)
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code > 0x20 && (code < 0x7f || code > 0x9f);
    })
    .join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return trimmed;
  const name = scheme[1]!.toLowerCase();
  return name === 'http' || name === 'https' || name === 'mailto' || name === 'tel' ? trimmed : '#';
}
