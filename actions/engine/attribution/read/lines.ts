import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { CrescendoError } from '../../errors.js';

/** Called once per line (1-based number, without its line break); return `false` to stop reading. */
export type LineSink = (line: string, lineNumber: number) => boolean | undefined;

/**
 * Streams a text file line by line in bounded memory: 1 MiB chunks, UTF-8 (a BOM is dropped) or
 * UTF-16 with its BOM, `\n` or `\r\n` line ends. Resolves `false` when the sink stopped early.
 */
export async function forEachLine(path: string, sink: LineSink): Promise<boolean> {
  try {
    const { encoding, skip } = await encodingOf(path);
    const stream = encoding
      ? createReadStream(path, { encoding, start: skip, highWaterMark: 1 << 20 })
      : createReadStream(path, { start: skip, highWaterMark: 1 << 20 });
    // UTF-16BE has no Node stream encoding: decode it by hand.
    const decoder = encoding ? undefined : new TextDecoder('utf-16be');
    let carry = '';
    let lineNumber = 0;
    try {
      for await (const chunk of stream as AsyncIterable<string | Buffer>) {
        const lines = (carry + (decoder ? decoder.decode(chunk as Buffer, { stream: true }) : chunk)).split(
          '\n',
        );
        carry = lines.pop()!;
        for (const line of lines) {
          const text = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
          if (sink(text, ++lineNumber) === false) return false;
        }
      }
    } finally {
      stream.destroy();
    }
    const rest = carry + (decoder?.decode() ?? '');
    if (rest.length > 0 && sink(rest.endsWith('\r') ? rest.slice(0, -1) : rest, ++lineNumber) === false)
      return false;
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
  }
}

/** The encoding from the byte-order mark, and how many bytes it takes. */
async function encodingOf(path: string): Promise<{ encoding?: 'utf8' | 'utf16le'; skip: number }> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    if (bytesRead >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', skip: 2 };
    if (bytesRead >= 2 && head[0] === 0xfe && head[1] === 0xff) return { skip: 2 };
    if (bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
      return { encoding: 'utf8', skip: 3 };
    return { encoding: 'utf8', skip: 0 };
  } finally {
    await handle.close();
  }
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
