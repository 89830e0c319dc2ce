import { z } from 'zod';
import { DEFAULT_TIMEOUT_SECONDS } from '../http.js';

/** `publishing.email` in `.github/crescendo.yml` when email goes out through an SMTP server. */
export const SmtpConfig = z.strictObject({
  publisher: z.literal('smtp').optional(),
  from: z
    .string()
    .min(3)
    .describe('Sender, e.g. "Crescendo <news@crescendo.dev>"; its domain names the Message-IDs'),
  replyTo: z.string().min(3).optional(),
  to: z
    .union([z.string().min(3), z.array(z.string().min(3)).min(1)])
    .describe('A list address (the list manager fans out) or the addresses to send to, one message each'),
  unsubscribeUrl: z
    .url({ protocol: /^https$/ })
    .describe(
      'https endpoint that unsubscribes on a POST (RFC 8058); "{email}" is replaced by the recipient',
    ),
  unsubscribeMailto: z.email().optional().describe('Also offer unsubscribing by mail to this address'),
  sentLog: z
    .string()
    .min(1)
    .default('campaigns/{campaign}/email-sent.yml')
    .describe(
      'Where sent messages are recorded, relative to the repository; "{campaign}" is the campaign id',
    ),
  timeoutSeconds: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS),
});
export type SmtpConfig = z.infer<typeof SmtpConfig>;

export const recipientsOf = (config: SmtpConfig): string[] =>
  Array.isArray(config.to) ? config.to : [config.to];
