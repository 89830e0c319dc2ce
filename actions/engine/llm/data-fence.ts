/**
 * The one way untrusted text enters a prompt: inside a `<data name="…">…</data>` fence that nothing in the
 * text can close or reopen. Briefs, competitor names, pages, keyword exports, files, reviewer comments
 * and the problems found in an answer are all data; the system rules tell the model never to follow them.
 */

/** Characters that render as an angle bracket, and invisible ones that could sit inside a tag. */
const BRACKET = '[<\\uFF1C\\uFE64\\u2039\\u3008]';
const INVISIBLE = '[\\s\\u200B-\\u200D\\u2060\\uFEFF]*';
const SLASH = '[/\\u2215\\u2044\\uFF0F]';

/**
 * Anything that could read as a data tag: `</data>`, `</DATA >`, `< /data>`, `<\/data>` (also JSON's `<\\/data>`),
 * `<data name=…>`, and look-alike brackets.
 */
const DATA_TAG = new RegExp(
  `${BRACKET}${INVISIBLE}(?:\\\\${INVISIBLE})*${SLASH}?${INVISIBLE}data(?![a-z0-9_-])`,
  'giu',
);

/** The text with every data-tag look-alike defused: its opening bracket written as `&lt;`. */
export function escapeData(text: string): string {
  return text.replace(DATA_TAG, (tag) => `&lt;${tag.slice(1)}`);
}

/** An attribute value that cannot end its quotes or the tag. */
function escapeName(name: string): string {
  return name
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\n]+/g, ' ');
}

/** `text` as data the model reads but never obeys, labelled `name`. */
export function dataBlock(name: string, text: string): string {
  return `<data name="${escapeName(name)}">\n${escapeData(text)}\n</data>`;
}

/** Every data-tag look-alike in a prompt, as written: a well-formed prompt has only its own fences. */
export function dataTagsIn(prompt: string): string[] {
  return [...prompt.matchAll(new RegExp(`${DATA_TAG.source}[^>\\uFF1E]*[>\\uFF1E]?`, 'giu'))].map(
    (m) => m[0],
  );
}
