import { resolve } from 'node:path';
import type { Problem } from '../../errors.js';
import { EMAIL_ASSET_TYPES, emailOrThrow, outgoingEmail } from '../email-message.js';
import { failedCheck } from '../http.js';
import {
  PublishError,
  type Published,
  type Publisher,
  type PublisherContext,
  type PublishItem,
} from '../publisher.js';
import { recipientsOf, SmtpConfig } from './config.js';
import { addressOf, type MessageSpec, messageSpec, plannedMessage, rawMessage } from './message.js';
import { readSentLog, recordMessage, type SentMessage } from './sent-log.js';
import { parseSmtpUrl, type SmtpServer, SmtpSession, sendFailure } from './transport.js';

/*
 * Email through any SMTP server (nodemailer). SMTP has no way to ask what was sent, so `find` reads the
 * sent log this publisher writes next to the ledger (see sent-log.ts): an item is found when every
 * recipient's message is recorded `sent`. A recipient whose message is recorded `sending` (the answer
 * was lost) is never sent again automatically. On GitHub the sent log must be kept the way the ledger is
 * kept, or `find` knows nothing after the run and an `unknown` entry waits for a person.
 */

type Context = PublisherContext<SmtpConfig>;

const URL_ENV = 'CRESCENDO_SMTP_URL';

function server(ctx: Context): SmtpServer {
  const value = ctx.env[URL_ENV];
  if (!value) {
    throw new PublishError('missing-credentials', `${URL_ENV} is not set`, {
      where: 'SMTP server',
      fix: `set ${URL_ENV} to smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465`,
    });
  }
  const parsed = parseSmtpUrl(value);
  if (!parsed) {
    throw new PublishError('invalid', `${URL_ENV} is not an smtp:// or smtps:// URL`, {
      where: 'SMTP server',
      fix: 'write it as smtp://user:password@host:port; percent-encode @ : / in the user or password',
    });
  }
  return parsed;
}

const sentLogFile = (campaign: string, config: SmtpConfig): string =>
  config.sentLog.replace(/\{campaign\}/g, campaign);

const sentLogPath = (item: PublishItem, ctx: Context): string =>
  resolve(ctx.root ?? process.cwd(), sentLogFile(item.campaign, ctx.config));

function specs(item: PublishItem, ctx: Context): MessageSpec[] {
  const email = emailOrThrow(item);
  return recipientsOf(ctx.config).map((to) => messageSpec(item, email, ctx.config, to, ctx.now()));
}

const loggedFor = (log: SentMessage[], key: string, spec: MessageSpec): SentMessage | undefined =>
  log.find((m) => m.key === key && m.to === spec.to);

function asPublished(entries: SentMessage[], label: string): Published {
  const at =
    entries
      .map((e) => e.at)
      .sort()
      .at(-1) ?? '';
  return {
    remoteId: entries.map((e) => e.messageId).join(','),
    at,
    note: `${entries.length} message${entries.length === 1 ? '' : 's'} accepted by ${label}`,
  };
}

export const smtpPublisher: Publisher<SmtpConfig> = {
  id: 'smtp',
  channel: 'email',
  label: 'Email over SMTP (nodemailer)',
  configSchema: SmtpConfig,
  secrets: [
    {
      name: URL_ENV,
      description:
        'smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 of the mail server or relay (Postmark, SES, Mailgun, Microsoft 365…). Rotate the password at the provider and update the secret.',
    },
  ],
  baseUrlEnv: URL_ENV,
  assetTypes: EMAIL_ASSET_TYPES,
  schedulesAhead: false,
  stateFiles: (campaign, config) => [sentLogFile(campaign, config)],

  async check(ctx) {
    const parsed = parseSmtpUrl(ctx.env[URL_ENV] ?? '');
    const what = parsed
      ? `SMTP server ${parsed.label}${parsed.user ? ` as ${parsed.user}` : ''}`
      : 'SMTP server';
    try {
      const smtp = server(ctx);
      (await SmtpSession.open(smtp, ctx.config.timeoutSeconds * 1000)).close();
      return { ok: true, what };
    } catch (error) {
      return failedCheck(what, error);
    }
  },

  async validate(item, ctx) {
    const problems: Problem[] = [...outgoingEmail(item).problems];
    if (!addressOf(ctx.config.from)) {
      problems.push({
        where: 'publishing.email.from',
        message: `"${ctx.config.from}" is not a mail address`,
      });
    }
    for (const to of recipientsOf(ctx.config)) {
      if (!addressOf(to))
        problems.push({ where: 'publishing.email.to', message: `"${to}" is not a mail address` });
    }
    if (!item.brand.postalAddress) {
      problems.push({
        where: 'brand.yml: postalAddress',
        message: 'commercial email must show a postal address (CAN-SPAM); brand.yml has none',
      });
    }
    server(ctx);
    await readSentLog(sentLogPath(item, ctx));
    return problems;
  },

  async plan(item, ctx) {
    const { label } = server(ctx);
    return specs(item, ctx).map((spec) => plannedMessage(spec, label));
  },

  async publish(item, ctx) {
    const smtp = server(ctx);
    const messages = specs(item, ctx);
    const logPath = sentLogPath(item, ctx);
    const log = await readSentLog(logPath);
    const lost = messages.filter((spec) => loggedFor(log, item.key, spec)?.status === 'sending');
    if (lost.length > 0) {
      throw new PublishError(
        'unknown-outcome',
        `an earlier attempt lost the server's answer for ${lost.map((s) => s.to).join(', ')}`,
        {
          where: logPath,
          fix: 'search the mailbox for the Message-ID in the sent log, then mark the entry "sent" or delete it; nothing is sent until then',
        },
      );
    }
    const pending = messages.filter((spec) => !loggedFor(log, item.key, spec));
    if (pending.length === 0) {
      throw new PublishError('duplicate', 'every message of this item was already sent', {
        where: logPath,
        fix: 'nothing to do: find() records it',
      });
    }
    const session = await SmtpSession.open(smtp, ctx.config.timeoutSeconds * 1000);
    try {
      for (const spec of pending) {
        const raw = await rawMessage(spec);
        const base = { key: item.key, to: spec.to, messageId: spec.messageId };
        await recordMessage(logPath, { ...base, status: 'sending', at: ctx.now().toISOString() });
        try {
          const info = await session.send(
            { from: spec.envelopeFrom, to: [addressOf(spec.to) ?? spec.to] },
            raw,
          );
          await recordMessage(logPath, {
            ...base,
            status: 'sent',
            at: ctx.now().toISOString(),
            response: info.response,
          });
          ctx.log(`email: ${spec.messageId} accepted for ${spec.to}`);
        } catch (error) {
          const failure = sendFailure(error, `SMTP ${smtp.label}: ${spec.to}`);
          // Refused outright: it was not sent, so no trace is kept and a later run may send it.
          if (failure.code !== 'unknown-outcome')
            await recordMessage(logPath, { key: item.key, to: spec.to, remove: true });
          throw failure;
        }
      }
    } finally {
      session.close();
    }
    const entries = await readSentLog(logPath);
    return asPublished(
      messages
        .map((spec) => loggedFor(entries, item.key, spec))
        .filter((e): e is SentMessage => e !== undefined),
      smtp.label,
    );
  },

  async find(item, ctx) {
    const log = await readSentLog(sentLogPath(item, ctx));
    const entries = recipientsOf(ctx.config).map((to) => log.find((m) => m.key === item.key && m.to === to));
    if (entries.some((entry) => entry?.status !== 'sent')) return undefined;
    return asPublished(
      entries as SentMessage[],
      parseSmtpUrl(ctx.env[URL_ENV] ?? '')?.label ?? 'the SMTP server',
    );
  },
};
