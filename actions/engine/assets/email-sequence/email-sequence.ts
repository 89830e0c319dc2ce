import { z } from 'zod';
import { emailUtmContent, trackedLink } from '../../channels/tracking.js';
import type { AssetModule, ExtraFile } from '../asset-module.js';
import {
  CallToAction,
  checkCallToAction,
  checkSlug,
  checkVariantIds,
  slugField,
  variantIdField,
} from '../shared/common.js';
import type { AssetContext } from '../shared/context.js';
import { linkTarget, oneLine } from '../shared/markdown-text.js';
import { type ContentProblem, checkLength, error, warning } from '../shared/problems.js';
import { charCount } from '../shared/text-length.js';
import { renderEmailHtml } from './email-html.js';
import { EMAIL_LIMITS } from './limits.js';

/*
 * Email has no platform limit worth the name, so the rules here are practice, reported as warnings:
 * - subject ≤ 60 characters: most inboxes show 40–70 characters of it, phones the fewest;
 * - preheader 40–100 characters: under ~30 the client fills the preview with body text, over ~100 it is cut
 *   (Mailjet, Litmus, Campaign Monitor guidance), and it should add to the subject, not repeat it.
 * Errors: send days must not go backwards or be negative, and links must be absolute URLs.
 */
export { EMAIL_LIMITS };

const Email = z.object({
  subject: z.string().min(1).describe('At most 60 characters so phones show it whole'),
  preheader: z
    .string()
    .min(1)
    .describe('Preview text after the subject: 40 to 100 characters, adds to the subject'),
  body: z
    .string()
    .min(1)
    .describe('The email body in markdown (paragraphs, lists, links); the button is added from cta'),
  sendOffsetDays: z
    .number()
    .int()
    .describe('Days after the sequence starts: 0 for the first email, never decreasing'),
  cta: CallToAction,
});
export type Email = z.infer<typeof Email>;

const EmailChange = z.object({
  email: z.number().int().describe('Which email this changes, 1 for the first'),
  subject: z.string().optional(),
  preheader: z.string().optional(),
  ctaLabel: z.string().optional(),
});

const EmailSequenceVariant = z.object({
  variantId: variantIdField,
  changes: z
    .array(EmailChange)
    .min(1)
    .describe('Alternative subject lines, preheaders or button labels, per email'),
});

export const EmailSequence = z.object({
  name: z.string().min(1).describe('Name of the sequence for the team, e.g. "Trial onboarding"'),
  slug: slugField,
  emails: z.array(Email).describe('1 to 20 emails in send order'),
  variants: z.array(EmailSequenceVariant).optional(),
});
export type EmailSequence = z.infer<typeof EmailSequence>;

function checkSubjectAndPreheader(
  where: string,
  label: string,
  subject: string | undefined,
  preheader: string | undefined,
) {
  const problems: ContentProblem[] = [];
  if (subject !== undefined)
    problems.push(
      ...checkLength(`${where}.subject`, `${label} subject`, charCount(subject), EMAIL_LIMITS.subject),
    );
  if (preheader !== undefined) {
    problems.push(
      ...checkLength(
        `${where}.preheader`,
        `${label} preheader`,
        charCount(preheader),
        EMAIL_LIMITS.preheader,
      ),
    );
    if (subject !== undefined && preheader.trim().toLowerCase() === subject.trim().toLowerCase()) {
      problems.push(
        warning(
          `${where}.preheader`,
          `${label} preheader repeats the subject; use it to add a second reason to open`,
        ),
      );
    }
  }
  return problems;
}

function checkEmailSequence(sequence: EmailSequence, ctx: AssetContext): ContentProblem[] {
  const problems: ContentProblem[] = [
    ...checkSlug('slug', sequence.slug),
    ...checkVariantIds(sequence.variants),
  ];
  const { min, max } = EMAIL_LIMITS.emails;
  if (sequence.emails.length < min)
    problems.push(error('emails', 'the sequence has no email; at least 1 is required'));
  if (sequence.emails.length > max)
    problems.push(error('emails', `there are ${sequence.emails.length} emails; the limit is ${max}`));
  sequence.emails.forEach((email, i) => {
    const where = `emails[${i}]`;
    const label = `email ${i + 1}`;
    problems.push(...checkSubjectAndPreheader(where, label, email.subject, email.preheader));
    problems.push(...checkCallToAction(`${where}.cta`, `${label} button`, email.cta));
    if (email.sendOffsetDays < 0 || email.sendOffsetDays > EMAIL_LIMITS.maxSendOffsetDays) {
      problems.push(
        error(
          `${where}.sendOffsetDays`,
          `${label} is sent on day ${email.sendOffsetDays}; days run from 0 to ${EMAIL_LIMITS.maxSendOffsetDays}`,
        ),
      );
    }
    const previous = sequence.emails[i - 1];
    if (previous && email.sendOffsetDays < previous.sendOffsetDays) {
      problems.push(
        error(
          `${where}.sendOffsetDays`,
          `${label} is sent on day ${email.sendOffsetDays}, before email ${i} (day ${previous.sendOffsetDays}); list emails in send order`,
        ),
      );
    }
  });
  sequence.variants?.forEach((variant, v) => {
    variant.changes.forEach((change, c) => {
      const where = `variants[${v}].changes[${c}]`;
      const original = sequence.emails[change.email - 1];
      if (!original) {
        problems.push(
          error(
            `${where}.email`,
            `variant ${variant.variantId} changes email ${change.email}, but the sequence has ${sequence.emails.length}`,
          ),
        );
        return;
      }
      const label = `variant ${variant.variantId} of email ${change.email}`;
      problems.push(...checkSubjectAndPreheader(where, label, change.subject, change.preheader));
    });
  });
  if (!ctx.brand.postalAddress) {
    problems.push(
      warning(
        '(asset)',
        'brand.yml has no postalAddress; commercial email must show a postal address (CAN-SPAM) in its footer',
      ),
    );
  }
  return problems;
}

/** The email as variant `variantId` sends it. */
function emailForVariant(sequence: EmailSequence, index: number, variantId: string): Email {
  const email = sequence.emails[index]!;
  const change = sequence.variants
    ?.find((v) => v.variantId === variantId)
    ?.changes.find((c) => c.email === index + 1);
  if (!change) return email;
  return {
    ...email,
    subject: change.subject ?? email.subject,
    preheader: change.preheader ?? email.preheader,
    cta: { ...email.cta, label: change.ctaLabel ?? email.cta.label },
  };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function renderEmailSequence(sequence: EmailSequence, ctx: AssetContext) {
  // Each email its own utm_content, so a report tells which email of the sequence brought the visit.
  const tracker = (email: number, variantId: string) => (url: string) =>
    trackedLink(url, {
      channel: ctx.channel,
      campaignId: ctx.campaignId,
      content: emailUtmContent(sequence.slug, email, variantId),
    });
  const extra: ExtraFile[] = [];
  const body: string[] = [`# ${oneLine(sequence.name)}`, ''];
  sequence.emails.forEach((email, i) => {
    body.push(
      `## Email ${i + 1}: day ${email.sendOffsetDays} (${addDays(ctx.date, email.sendOffsetDays)})`,
      '',
      `**Subject:** ${oneLine(email.subject)}  `,
      `**Preheader:** ${oneLine(email.preheader)}`,
      '',
      email.body.trim(),
      '',
      `[**${oneLine(email.cta.label)}**](${linkTarget(email.cta.url)})`,
      '',
    );
    const variantIds = [
      'a',
      ...(sequence.variants ?? [])
        .filter((v) => v.changes.some((c) => c.email === i + 1))
        .map((v) => v.variantId),
    ];
    for (const variantId of variantIds) {
      const sent = emailForVariant(sequence, i, variantId);
      extra.push({
        pathSuffix: variantId === 'a' ? `-email-${i + 1}.html` : `-email-${i + 1}-${variantId}.html`,
        content: renderEmailHtml({
          subject: sent.subject,
          preheader: sent.preheader,
          bodyMarkdown: sent.body,
          cta: sent.cta,
          brand: ctx.brand,
          trackLink: tracker(i + 1, variantId),
        }),
      });
    }
  });
  const markdown = `${body.join('\n')}`;
  return { markdown, extra };
}

export const emailSequenceModule: AssetModule<EmailSequence> = {
  title: (sequence) => sequence.name,
  schema: EmailSequence,
  check: checkEmailSequence,
  render: renderEmailSequence,
  slug: (sequence) => sequence.slug,
};
