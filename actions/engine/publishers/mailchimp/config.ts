import { z } from 'zod';
import { DEFAULT_TIMEOUT_SECONDS } from '../http.js';

/** `publishing.email` in `.github/crescendo.yml` when email goes out through Mailchimp. */
export const MailchimpConfig = z.strictObject({
  publisher: z.literal('mailchimp').optional(),
  listId: z.string().min(1).describe('The audience id (Audience → Settings → Audience name and defaults)'),
  segmentId: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('A saved segment or tag id to send to; default all'),
  fromName: z.string().min(1).optional().describe('The From name; default the brand name'),
  replyTo: z.email().describe('Reply-to address; must be on a domain verified in Mailchimp'),
  folderId: z.string().min(1).optional().describe('Campaign folder to file the campaigns in'),
  timeoutSeconds: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS),
});
export type MailchimpConfig = z.infer<typeof MailchimpConfig>;
