import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/*
 * A real SMTP server (smtp-server) on 127.0.0.1 that keeps every message it accepts, and writes each one
 * as an .eml file a person can open in a mail program when `dir` is given. The demo uses it to "send"
 * email offline; the tests use it with scripted faults: a refusal at RCPT or after DATA, or a connection
 * cut right after the message was stored but before the 250 went out (the case that makes an honest
 * sender report an unknown outcome).
 */

export interface CaughtMessage {
  envelope: { from: string; to: string[] };
  raw: string;
  /** The .eml file, when the catcher writes to a folder. */
  file?: string;
}

export type SmtpFault =
  | { at: 'rcpt' | 'data'; code: number; message: string }
  | { at: 'data'; cut: 'after-store' }
  | { at: 'connect'; cut: 'before-greeting' };

export interface MailCatcher {
  /** `smtp://[user:pass@]127.0.0.1:<port>`, for CRESCENDO_SMTP_URL. */
  readonly url: string;
  readonly port: number;
  readonly messages: readonly CaughtMessage[];
  failNext(fault: SmtpFault): void;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  /** Write every accepted message to `<dir>/<nnn>-<recipient>.eml`. */
  dir?: string;
  /** Logins the server accepts (AUTH PLAIN/LOGIN); without any, no login is needed. */
  users?: Record<string, string>;
  /** Listen on this port (default: any free port). */
  port?: number;
}

const smtpError = (code: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode: code });

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const messages: CaughtMessage[] = [];
  const faults: SmtpFault[] = [];
  const take = (at: SmtpFault['at']) => {
    const index = faults.findIndex((f) => f.at === at);
    return index < 0 ? undefined : faults.splice(index, 1)[0];
  };
  const users = options.users ?? {};
  if (options.dir) await mkdir(options.dir, { recursive: true });

  const store = async (raw: string, session: SMTPServerSession) => {
    const message: CaughtMessage = {
      envelope: {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
      },
      raw,
    };
    if (options.dir) {
      const name = `${String(messages.length + 1).padStart(3, '0')}-${(message.envelope.to[0] ?? 'unknown').replace(/[^\w.@-]/g, '_')}.eml`;
      message.file = join(options.dir, name);
      await writeFile(message.file, raw);
    }
    messages.push(message);
  };

  const server: SMTPServer = new SMTPServer({
    logger: false,
    secure: false,
    disabledCommands: Object.keys(users).length > 0 ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: Object.keys(users).length === 0,
    allowInsecureAuth: true,
    onConnect(session, callback) {
      const fault = take('connect');
      if (fault) {
        for (const connection of server.connections) {
          if (connection.session.id === session.id) connection._socket.destroy();
        }
        return;
      }
      callback();
    },
    onAuth(auth, _session, callback) {
      if (users[auth.username ?? ''] === auth.password) return callback(null, { user: auth.username });
      callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(_address, _session, callback) {
      const fault = take('rcpt');
      callback(fault && 'code' in fault ? smtpError(fault.code, fault.message) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const fault = take('data');
        if (fault && 'code' in fault) return callback(smtpError(fault.code, fault.message));
        store(Buffer.concat(chunks).toString('utf8'), session).then(
          () => {
            if (fault && 'cut' in fault) {
              for (const connection of server.connections) {
                if (connection.session.id === session.id) connection._socket.destroy();
              }
              return;
            }
            callback(null, `2.0.0 Ok: queued as ${String(messages.length).padStart(6, '0')}`);
          },
          (error: unknown) => callback(error as Error),
        );
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const [login] = Object.entries(users);
  const credentials = login ? `${encodeURIComponent(login[0])}:${encodeURIComponent(login[1])}@` : '';
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    failNext: (fault) => faults.push(fault),
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of server.connections) connection._socket.destroy();
        server.close(() => resolve());
      }),
  };
}
