import type { Writable } from 'node:stream';

/**
 * Writes lines to a stream that may close under us (`crescendo status | head -1`): once the reader is gone
 * (EPIPE, or the stream destroyed), later lines are dropped instead of crashing the command, which
 * finishes what it was doing (a merge, a commit) and exits with its own code.
 */
export function lineWriter(stream: Writable): (line: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    closed = true;
  });
  return (line) => {
    if (closed || stream.destroyed || !stream.writable) return;
    stream.write(`${line}\n`);
  };
}
