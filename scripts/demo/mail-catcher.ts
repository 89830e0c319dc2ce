import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/*
 * A real SMTP server (smtp-server) on 127.0.0.1 for the demo: the SMTP publisher sends the campaign's emails
 * to it exactly as it would to a relay, and every message it accepts is kept as an .eml file a person can
 * open in a mail program. No login, no TLS: it listens on loopback only and lives as long as the demo run.
 * (The tests have their own catcher with scripted faults, tests/fakes/smtp.)
 */

export interface DemoMailbox {
  /** `smtp://127.0.0.1:<port>`, for CRESCENDO_SMTP_URL. */
  readonly url: string;
  /** The .eml files written so far. */
  readonly files: readonly string[];
  close(): Promise<void>;
}

export async function startDemoMailbox(dir: string): Promise<DemoMailbox> {
  // Loaded only when the demo runs: nothing else in Crescendo receives mail.
  const { SMTPServer } = await import('smtp-server');
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const server = new SMTPServer({
    logger: false,
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = (session.envelope.rcptTo[0]?.address ?? 'unknown').replace(/[^\w.@-]/g, '_');
        const file = join(dir, `${String(files.length + 1).padStart(3, '0')}-${to}.eml`);
        files.push(file);
        writeFile(file, Buffer.concat(chunks)).then(
          () => callback(null, `2.0.0 Ok: kept as ${file.split('/').pop()}`),
          (error: unknown) => callback(error as Error),
        );
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    files,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
