import SMTPConnection, { type SMTPConnectionSendInfo } from 'nodemailer/lib/smtp-connection';
import { PublishError } from '../publisher.js';

/*
 * One SMTP session with nodemailer's SMTPConnection, in phases, because what a failure means depends on
 * the phase: failing to connect or log in sent nothing (`unavailable`, `auth`); a reply refusing the
 * envelope or the message sent nothing either (`invalid`, or `rate-limited` for a temporary 4xx); but a
 * connection lost or timed out while a message was in flight may come after the server queued it (it
 * acknowledges the final "." only after), so that is `unknown-outcome`.
 */

export interface SmtpServer {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  /** For messages and plans: the URL without credentials. */
  label: string;
}

/** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
export function parseSmtpUrl(value: string): SmtpServer | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') return undefined;
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const server: SmtpServer = {
    host: url.hostname,
    port,
    secure,
    label: `${url.protocol}//${url.hostname}:${port}`,
  };
  if (url.username) server.user = decodeURIComponent(url.username);
  if (url.password) server.pass = decodeURIComponent(url.password);
  return server;
}

interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL']);

/** Why a message was not (certainly) sent, as the code the ledger acts on. */
export function sendFailure(error: unknown, where: string): PublishError {
  const failure = error as SmtpFailure;
  const reply = failure.response ? ` (${failure.response.split('\n')[0]})` : '';
  if (failure.code && CONNECTION_CODES.has(failure.code) && !failure.responseCode) {
    return new PublishError(
      'unknown-outcome',
      `the connection to the SMTP server broke while the message was in flight${reply}`,
      {
        where,
        cause: error,
        fix: 'the server may have queued it: search the mailbox for its Message-ID (see the sent log), then mark it sent or delete its entry; Crescendo will not send it again on its own',
      },
    );
  }
  const status = failure.responseCode ?? 0;
  if (status >= 400 && status < 500) {
    // 4xx is a temporary refusal (greylisting, a sending limit): nothing was queued, a later run may send.
    return new PublishError('rate-limited', `the SMTP server deferred the message${reply}`, {
      where,
      cause: error,
      fix: 'a temporary refusal: the message is tried again on a later run',
    });
  }
  return new PublishError('invalid', `the SMTP server refused the message${reply}`, {
    where,
    cause: error,
    fix: 'check the sender (publishing.email.from must be an address the server may send as) and the recipients',
  });
}

export class SmtpSession {
  readonly #connection: SMTPConnection;
  #onError: ((error: Error) => void) | undefined;

  private constructor(connection: SMTPConnection) {
    this.#connection = connection;
    connection.on('error', (error: Error) => this.#onError?.(error));
  }

  /** Connects and logs in. Nothing is sent yet, so every failure here is a plain failure. */
  static async open(server: SmtpServer, timeoutMs: number): Promise<SmtpSession> {
    const session = new SmtpSession(
      new SMTPConnection({
        host: server.host,
        port: server.port,
        secure: server.secure,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      }),
    );
    const where = `SMTP ${server.label}`;
    try {
      await session.#phase((done) => session.#connection.connect(done));
    } catch (error) {
      session.close();
      throw new PublishError(
        'unavailable',
        `cannot reach the SMTP server (${(error as SmtpFailure).code ?? 'error'})`,
        {
          where,
          cause: error,
          fix: 'check the host and port in CRESCENDO_SMTP_URL and that the server is up; nothing was sent',
        },
      );
    }
    if (server.user) {
      try {
        await session.#phase((done) =>
          session.#connection.login({ user: server.user, pass: server.pass ?? '' }, (error) =>
            done(error ?? undefined),
          ),
        );
      } catch (error) {
        session.close();
        const failure = error as SmtpFailure;
        throw new PublishError(
          failure.code === 'EAUTH' || failure.code === 'ENOAUTH' ? 'auth' : 'unavailable',
          `the SMTP server refused the login${failure.response ? ` (${failure.response})` : ''}`,
          {
            where,
            cause: error,
            fix: 'check the user and password in CRESCENDO_SMTP_URL (for Gmail or Microsoft 365 use an app password or the relay they document); nothing was sent',
          },
        );
      }
    }
    return session;
  }

  #phase(start: (done: (error?: Error) => void) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#onError = reject;
      start((error) => (error ? reject(error) : resolve()));
    }).finally(() => {
      this.#onError = undefined;
    });
  }

  /** Sends one message; rejects with nodemailer's error, which `sendFailure` reads. */
  send(envelope: { from: string; to: string[] }, raw: Buffer): Promise<SMTPConnectionSendInfo> {
    return new Promise((resolve, reject) => {
      this.#connection.send(envelope, raw, (error, info) => (error || !info ? reject(error) : resolve(info)));
    });
  }

  close(): void {
    if (this.#connection.stage === 'connected' && !this.#connection.destroyed) this.#connection.quit();
    else this.#connection.close();
  }
}
