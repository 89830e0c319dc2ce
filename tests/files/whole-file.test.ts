import { describe, expect, it } from 'vitest';
import { readWholeFile } from '../../actions/engine/files/whole-file.js';

const bytes = (text: string) => new TextEncoder().encode(text);

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield bytes(part);
}

describe('a committed file read whole, whatever its size', () => {
  it('joins the forge stream in order and never asks readBytes (which answers nothing past 64 MiB locally)', async () => {
    const asked: string[] = [];
    const whole = await readWholeFile(
      {
        readBytes: async (p) => {
          asked.push(p);
          return undefined;
        },
        readStream: () => chunks('Keyword,', '', 'Volume\nm', 'a,10\n'),
      },
      'campaigns/c/data/kw.csv',
    );
    expect(new TextDecoder().decode(whole)).toBe('Keyword,Volume\nma,10\n');
    expect(asked).toEqual([]);
  });

  it('reads through readBytes when the forge has no stream', async () => {
    const whole = await readWholeFile({ readBytes: async () => bytes('a,b\n') }, 'kw.csv');
    expect(new TextDecoder().decode(whole)).toBe('a,b\n');
  });
});
