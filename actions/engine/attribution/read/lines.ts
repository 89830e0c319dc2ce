import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { CrescendoError } from '../../errors.js';

/** Called once per line (1-based number, without its line break); return `false` to stop reading. */
export type LineSink = (line: string, lineNumber: number) => boolean | undefined;

/**
 * Streams a text file line by line in bounded memory: 1 MiB chunks, UTF-8 (a BOM is dropped) or
 * UTF-16 with its BOM, `\n` or `\r\n` line ends. Resolves `false` when the sink stopped early.
 */
export async function forEachLine(path: string, sink: LineSink): Promise<boolean> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let decoder: TextDecoder | undefined;
  let carry = '';
  let lineNumber = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!decoder) decoder = new TextDecoder(encodingOf(chunk));
      const text = carry + decoder.decode(chunk, { stream: true });
      let from = 0;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', from)) {
        const end = at > from && text.charCodeAt(at - 1) === 13 ? at - 1 : at;
        if (sink(text.slice(from, end), ++lineNumber) === false) return false;
        from = at + 1;
      }
      carry = text.slice(from);
    }
    const rest = carry + (decoder?.decode() ?? '');
    if (rest.length > 0) {
      const end = rest.endsWith('\r') ? rest.length - 1 : rest.length;
      if (sink(rest.slice(0, end), ++lineNumber) === false) return false;
    }
    return true;
  } catch (error) {
    if (error instanceof CrescendoError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES')
      throw new CrescendoError(`cannot read the file (${code})`, {
        where: path,
        fix: 'give the path of a readable file',
      });
    throw error;
  } finally {
    stream.destroy();
  }
}

function encodingOf(first: Buffer): string {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

export type Delimiter = ',' | ';' | '\t';

/** The separator of a header line: the one of tab, `;` and `,` that occurs most outside quotes. */
export function detectDelimiter(header: string): Delimiter | undefined {
  const counts = { '\t': 0, ';': 0, ',': 0 };
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\t' || ch === ';' || ch === ',')) counts[ch]++;
  }
  const best = (['\t', ';', ','] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : undefined;
}

/**
 * The fields of one delimited line. Fields may be quoted (`"a, b"`, `""` for a quote inside); a
 * line without quotes takes the fast path. Returns `undefined` for an unterminated quote.
 */
export function splitFields(line: string, delimiter: Delimiter): string[] | undefined {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) return undefined;
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = line.indexOf(delimiter, i);
      value += line.slice(i, next === -1 ? line.length : next);
      fields.push(value);
      if (next === -1) return fields;
      i = next + 1;
    } else {
      const next = line.indexOf(delimiter, i);
      fields.push(line.slice(i, next === -1 ? line.length : next));
      if (next === -1) return fields;
      i = next + 1;
    }
  }
}
