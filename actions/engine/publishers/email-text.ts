/*
 * The plain-text alternative of an email, made from its HTML so both parts carry the same words and the
 * same tracked links: links become "label (url)", blocks become paragraphs, list items get a dash, and
 * what a mail client hides (head, styles, the hidden preheader and its spacers, Outlook comments) is left
 * out. Written for the HTML our renderer makes; on other HTML it degrades to tag-stripped text.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  zwnj: '',
  zwj: '',
  shy: '',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

/** Characters that only fill the preview line; they carry no text. */
const INVISIBLE = /[\u034f\u200b-\u200d\u2060\ufeff\u00ad]/g;

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1]?.toLowerCase() === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const stripTags = (html: string): string => html.replace(/<[^>]*>/g, '');

/** A link as "label (url)"; the result is still entity-encoded, decoded once with the rest of the text. */
function linkText(attributes: string, inner: string): string {
  const href =
    /\bhref\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? /\bhref\s*=\s*'([^']*)'/i.exec(attributes)?.[1];
  const label = stripTags(inner).replace(/\s+/g, ' ').trim();
  if (!href) return label;
  const url = decodeEntities(href);
  if (!/^(https?:|mailto:)/i.test(url)) return label;
  if (label === '' || decodeEntities(label) === url) return href;
  return `${label} (${href})`;
}

export function htmlToText(html: string): string {
  let body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  body = body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script|head|title)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    // Elements hidden from readers: the preheader and its spacer.
    .replace(/<(span|div)\b[^>]*display\s*:\s*none[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi, (_whole, attributes: string, inner: string) =>
      linkText(attributes, inner),
    )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|h[1-6]|ul|ol|table|blockquote|pre|div)>/gi, '\n\n')
    .replace(/<(hr)\b[^>]*>/gi, '\n\n---\n\n')
    .replace(/<\/tr>/gi, '\n');
  const text = decodeEntities(stripTags(body)).replace(INVISIBLE, '');
  return `${text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
