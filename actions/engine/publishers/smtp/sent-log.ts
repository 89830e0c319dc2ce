import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { PublishError } from '../publisher.js';

/*
 * SMTP cannot be read back, so the publisher keeps its own record next to the ledger: one entry per
 * message, written `sending` just before the message goes out and `sent` once the server said 250.
 * An entry left `sending` means the answer was lost: the server may or may not have taken the message,
 * so nobody sends it again until a person has looked for its Message-ID in a mailbox. A log that cannot
 * be read is never overwritten.
 */

export const SentMessage = z.object({
  key: z.string(),
  to: z.string(),
  messageId: z.string(),
  status: z.enum(['sending', 'sent']),
  at: z.string(),
  response: z.string().optional(),
});
export type SentMessage = z.infer<typeof SentMessage>;

const SentLogFile = z.object({ messages: z.array(SentMessage).default([]) });

const HEADER =
  '# Email sent by Crescendo over SMTP, one entry per message. "sending" means the server\'s answer was\n' +
  '# lost: search the mailbox for the messageId before sending it again (then set it to "sent" or delete it).\n';

export async function readSentLog(path: string): Promise<SentMessage[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  const doc = parseDocument(text);
  const parsed = SentLogFile.safeParse(doc.errors.length === 0 ? (doc.toJS() ?? {}) : null);
  if (!parsed.success) {
    throw new PublishError('invalid', 'the SMTP sent log cannot be read', {
      where: path,
      fix: 'repair the file by hand (each message has key, to, messageId, status sending|sent, at); Crescendo does not send while it cannot tell what was sent',
    });
  }
  return parsed.data.messages;
}

/** Writes to one log in this process, one after another: each reads the log as the previous one left it. */
const pending = new Map<string, Promise<unknown>>();

function oneAtATime<T>(path: string, write: () => Promise<T>): Promise<T> {
  const next = (pending.get(path) ?? Promise.resolve()).catch(() => undefined).then(write);
  pending.set(path, next);
  return next.finally(() => {
    if (pending.get(path) === next) pending.delete(path);
  });
}

/**
 * Replaces the entry for (key, to), or adds it; the file is replaced atomically (a temporary file of its own,
 * renamed), and writes within a process never interleave, so two runs at once keep each other's records.
 */
export function recordMessage(
  path: string,
  entry: SentMessage | { key: string; to: string; remove: true },
): Promise<void> {
  return oneAtATime(path, async () => {
    const messages = (await readSentLog(path)).filter((m) => !(m.key === entry.key && m.to === entry.to));
    if (!('remove' in entry)) messages.push(entry);
    const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, `${HEADER}${stringify({ messages }, { lineWidth: 0 })}`, 'utf8');
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  });
}
