import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

/** Where an export's bytes come from: a path on disk, bytes in memory, or any byte stream. */
export type ByteSource = string | Uint8Array | AsyncIterable<Uint8Array>;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const DEFAULT_CHUNK_BYTES = 1 << 20;

/** The source as a stream of chunks of at most about `chunkBytes` (files are never read whole). */
export async function* byteChunks(
  source: ByteSource,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  if (typeof source === 'string') {
    for await (const chunk of createReadStream(source, { highWaterMark: chunkBytes })) yield chunk as Buffer;
  } else if (source instanceof Uint8Array) {
    for (let at = 0; at < source.length; at += chunkBytes)
      yield asBuffer(source.subarray(at, at + chunkBytes));
  } else {
    for await (const chunk of source) yield asBuffer(chunk);
  }
}

/**
 * The source as UTF-8 chunks, whatever it was written in. Google Ads and Keyword Planner
 * write UTF-16LE with a byte-order mark; a file re-saved without its BOM is still known by
 * its zero bytes (ASCII in UTF-16 has a zero in every other byte); bytes that are not UTF-8
 * are read as Windows-1252, what Excel writes when it "Saves as CSV". The encoding is
 * decided from the first chunk; other encodings are converted chunk by chunk.
 */
export async function utf8Chunks(
  source: ByteSource,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): Promise<{ encoding: TextEncodingName; chunks: AsyncGenerator<Uint8Array> }> {
  const input = byteChunks(source, chunkBytes);
  let first: Uint8Array = Buffer.alloc(0);
  // Gather at least a few bytes to see a byte-order mark, even from a stream of tiny chunks.
  while (first.length < 4) {
    const next = await input.next();
    if (next.done) break;
    first = first.length === 0 ? next.value : concat(first, next.value);
  }
  const sniffed = sniffEncoding(first);
  const body = first.subarray(sniffed.bom);
  if (sniffed.encoding === 'utf-8') return { encoding: 'utf-8', chunks: prepend(body, input) };
  return { encoding: sniffed.encoding, chunks: transcode(sniffed.encoding, prepend(body, input)) };
}

export function sniffEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bom: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  const utf16 = utf16ByZeroBytes(bytes);
  if (utf16) return { encoding: utf16, bom: 0 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 1 << 16), { stream: true });
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

function utf16ByZeroBytes(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, 200 - (Math.min(bytes.length, 200) % 2));
  if (sample.length < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = sample.length / 2;
  if (odd > half * 0.6 && even === 0) return 'utf-16le';
  if (even > half * 0.6 && odd === 0) return 'utf-16be';
  return undefined;
}

async function* prepend(head: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head.length > 0) yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

async function* transcode(
  encoding: TextEncodingName,
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const decoder = textDecoder(encoding);
  let first = true;
  for await (const chunk of chunks) {
    let text = decoder.decode(chunk, { stream: true });
    // A BOM can survive inside the text when a tool wrote one and an editor added another.
    if (first) text = text.replace(/^\uFEFF/, '');
    first = false;
    if (text) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest) yield Buffer.from(rest, 'utf8');
}

function textDecoder(encoding: TextEncodingName): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch {
    // Node builds without full ICU lack windows-1252; Latin-1 differs only in 0x80–0x9F.
    return new TextDecoder('latin1');
  }
}

/**
 * Bytes as a Buffer without copying. Every chunk the reader sees is a Buffer: its `indexOf`
 * is a native byte search, and one array type keeps the byte loops monomorphic.
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function concat(a: Uint8Array, b: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * A committed file's bytes streamed from git (`git cat-file blob <rev>:<path>`), for
 * repositories where the file is not checked out. Unlike buffering git's output, this has
 * no size limit: a 500 MB export streams like a small one.
 */
export async function* gitBlobChunks(dir: string, rev: string, path: string): AsyncGenerator<Uint8Array> {
  const child = spawn('git', ['cat-file', 'blob', `${rev}:${path}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: Buffer[] = [];
  child.stderr.on('data', (d: Buffer) => errors.push(d));
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  for await (const chunk of child.stdout) yield chunk as Buffer;
  const code = await exited;
  if (code !== 0) {
    throw new Error(`git cat-file ${rev}:${path} failed: ${Buffer.concat(errors).toString('utf8').trim()}`);
  }
}
