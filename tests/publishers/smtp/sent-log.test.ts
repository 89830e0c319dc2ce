import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSentLog, recordMessage } from '../../../actions/engine/publishers/smtp/sent-log.js';

describe('the SMTP sent log', () => {
  it('keeps every record when two runs write it at once', async () => {
    const path = join(
      await mkdtemp(join(tmpdir(), 'crescendo-sent-log-')),
      'campaigns',
      'q2',
      'email-sent.yml',
    );
    const message = (key: string) => ({
      key,
      to: 'list@crescendo.dev',
      messageId: `<crescendo.${key}@crescendo.dev>`,
      status: 'sent' as const,
      at: '2027-04-06T12:00:00Z',
    });
    const keys = ['aaaaaaaaaaa1', 'aaaaaaaaaaa2', 'aaaaaaaaaaa3', 'aaaaaaaaaaa4', 'aaaaaaaaaaa5'];
    await Promise.all(keys.map((key) => recordMessage(path, message(key))));
    expect((await readSentLog(path)).map((m) => m.key).sort()).toEqual(keys);
  });
});
