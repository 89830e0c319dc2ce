import { UNSUBSCRIBE_PLACEHOLDER } from '../assets/email-sequence/email-html.js';
import { EmailSequence } from '../assets/email-sequence/email-sequence.js';
import { escapeHtml } from '../assets/shared/html.js';
import type { Problem } from '../errors.js';
import { PublishError, type PublishItem } from './publisher.js';

/*
 * What the email publishers (SMTP, Mailchimp) send for one ledger entry: one email of a sequence. From
 * `item.data` (the validated EmailSequence) they read the sequence `name`, the number of `emails`, and
 * email n's `subject` and `preheader` with the variant's `changes` applied; the body is `item.html`, the
 * HTML the content stage rendered and the review approved (its links already tracked), with its
 * unsubscribe placeholder still in it for the sender to fill.
 */

export interface OutgoingEmail {
  /** 1-based position in the sequence. */
  number: number;
  count: number;
  sequenceName: string;
  subject: string;
  preheader: string;
  /** The approved HTML, `{{unsubscribe_url}}` not yet replaced. */
  html: string;
}

export const EMAIL_ASSET_TYPES = ['email-sequence'] as const;

/** Email n of the item's sequence as this variant sends it, or the problems that prevent sending it. */
export function outgoingEmail(item: PublishItem): { email?: OutgoingEmail; problems: Problem[] } {
  const where = item.path;
  if (!(EMAIL_ASSET_TYPES as readonly string[]).includes(item.type)) {
    return {
      problems: [{ where, message: `a ${item.type} cannot be sent as email (only an email-sequence)` }],
    };
  }
  const parsed = EmailSequence.safeParse(item.data);
  if (!parsed.success) {
    return {
      problems: [{ where: `${where}: asset`, message: 'the item carries no valid email sequence data' }],
    };
  }
  const sequence = parsed.data;
  const count = sequence.emails.length;
  const number = item.emailNumber ?? (count === 1 ? 1 : undefined);
  if (number === undefined) {
    return {
      problems: [
        {
          where,
          message: `the sequence has ${count} emails: publish one ledger entry per email (emailNumber), each due on its own day`,
        },
      ],
    };
  }
  const original = sequence.emails[number - 1];
  if (!original) {
    return {
      problems: [
        {
          where: `${where}: emailNumber`,
          message: `email ${number} does not exist; the sequence has ${count}`,
        },
      ],
    };
  }
  const change = sequence.variants
    ?.find((v) => v.variantId === item.variant)
    ?.changes.find((c) => c.email === number);
  const problems: Problem[] = [];
  if (!item.html)
    problems.push({ where, message: `email ${number} has no HTML: its rendered .html file is missing` });
  else if (!item.html.includes(UNSUBSCRIBE_PLACEHOLDER)) {
    problems.push({
      where,
      message: `the HTML of email ${number} has no ${UNSUBSCRIBE_PLACEHOLDER} link; every marketing email needs one`,
    });
  }
  if (problems.length > 0) return { problems };
  return {
    email: {
      number,
      count,
      sequenceName: sequence.name,
      subject: change?.subject ?? original.subject,
      preheader: change?.preheader ?? original.preheader,
      html: item.html ?? '',
    },
    problems,
  };
}

/** The HTML with the unsubscribe link filled in (escaped as an attribute value). */
export const withUnsubscribe = (html: string, url: string): string =>
  html.split(UNSUBSCRIBE_PLACEHOLDER).join(escapeHtml(url));

/** The email, or a PublishError listing why it cannot be sent (validate reports the same problems). */
export function emailOrThrow(item: PublishItem): OutgoingEmail {
  const { email, problems } = outgoingEmail(item);
  if (!email) {
    throw new PublishError('invalid', problems.map((p) => p.message).join('; '), {
      where: item.path,
      problems,
      fix: 'run validate first; the item cannot be sent as it is',
    });
  }
  return email;
}
