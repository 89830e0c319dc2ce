import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { type OutgoingEmail, withUnsubscribe } from '../email-message.js';
import { htmlToText } from '../email-text.js';
import { atextKey, shortDigest } from '../key-marker.js';
import type { PlannedRequest, PublishItem } from '../publisher.js';
import type { SmtpConfig } from './config.js';

/*
 * One message to one recipient. Each recipient gets its own message (own unsubscribe link, no other
 * addresses in To), with:
 * - `List-Unsubscribe: <https://…>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058, which
 *   Gmail and Yahoo require of bulk senders), the same URL as the Unsubscribe link in the footer;
 * - the postal address from the brand file, already in the footer the content stage rendered;
 * - a plain-text alternative made from the HTML;
 * - a Message-ID `<crescendo.<key>.<recipient digest>@<sender domain>>`, so the key can be searched for.
 */

export interface MessageSpec {
  from: string;
  /** The envelope sender (bounce address): the address in `from`. */
  envelopeFrom: string;
  to: string;
  replyTo?: string;
  subject: string;
  messageId: string;
  date: Date;
  unsubscribeUrl: string;
  listUnsubscribe: string;
  html: string;
  text: string;
}

/** The bare address of the first mailbox in a header value, if it is one. */
export function addressOf(value: string): string | undefined {
  const first = addressparser(value)[0];
  const address = first && 'address' in first ? first.address : undefined;
  return address && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) ? address : undefined;
}

export function messageSpec(
  item: PublishItem,
  email: OutgoingEmail,
  config: SmtpConfig,
  recipient: string,
  now: Date,
): MessageSpec {
  const envelopeFrom = addressOf(config.from) ?? config.from;
  const domain = envelopeFrom.split('@')[1] ?? 'localhost';
  const to = addressOf(recipient) ?? recipient;
  const unsubscribeUrl = config.unsubscribeUrl.replace(/\{email\}/g, encodeURIComponent(to));
  const html = withUnsubscribe(email.html, unsubscribeUrl);
  return {
    from: config.from,
    envelopeFrom,
    to: recipient,
    ...(config.replyTo ? { replyTo: config.replyTo } : {}),
    subject: email.subject,
    messageId: `<crescendo.${atextKey(item.key)}.${shortDigest(to.toLowerCase())}@${domain}>`,
    date: now,
    unsubscribeUrl,
    listUnsubscribe: [
      unsubscribeUrl,
      ...(config.unsubscribeMailto ? [`mailto:${config.unsubscribeMailto}`] : []),
    ]
      .map((url) => `<${url}>`)
      .join(', '),
    html,
    text: htmlToText(html),
  };
}

/** The RFC 5322 message, as nodemailer's composer writes it. */
export function rawMessage(spec: MessageSpec): Promise<Buffer> {
  return new MailComposer({
    from: spec.from,
    to: spec.to,
    ...(spec.replyTo ? { replyTo: spec.replyTo } : {}),
    subject: spec.subject,
    messageId: spec.messageId,
    date: spec.date,
    text: spec.text,
    html: spec.html,
    // nodemailer's `list` option belongs to its transport layer, not the composer: the headers are set here.
    headers: {
      'List-Unsubscribe': { prepared: true, value: spec.listUnsubscribe },
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  })
    .compile()
    .build();
}

/** The message as `--dry-run` prints it: the SMTP server (credentials redacted), the headers, the two bodies. */
export function plannedMessage(spec: MessageSpec, server: string): PlannedRequest {
  return {
    method: 'SMTP',
    url: server,
    headers: {
      From: spec.from,
      To: spec.to,
      ...(spec.replyTo ? { 'Reply-To': spec.replyTo } : {}),
      Subject: spec.subject,
      'Message-ID': spec.messageId,
      Date: spec.date.toUTCString(),
      'List-Unsubscribe': spec.listUnsubscribe,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    body: {
      envelope: { from: spec.envelopeFrom, to: [addressOf(spec.to) ?? spec.to] },
      text: spec.text,
      html: spec.html,
    },
  };
}
