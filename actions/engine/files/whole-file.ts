import type { RepoFiles } from './repo-files.js';

/**
 * A committed file's bytes, whole, whatever its size: through the forge's stream when it has one, since
 * `readBytes` in local mode stops at git's 64 MiB output buffer and then answers nothing, as if the file
 * were not there. For inputs parsed at once (keyword exports); performance exports are streamed row by row.
 */
export async function readWholeFile(
  files: Pick<RepoFiles, 'readBytes' | 'readStream'>,
  path: string,
): Promise<Uint8Array | undefined> {
  if (!files.readStream) return files.readBytes(path);
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of files.readStream(path)) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  if (chunks.length === 1) return chunks[0];
  const whole = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}
