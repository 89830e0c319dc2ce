import type { BrandVoice } from '../../artifacts/brand.js';
import type { CallToAction } from '../shared/common.js';
import { escapeHtml, safeUrl } from '../shared/html.js';
import { markdownToHtml, type StyledTag } from '../shared/markdown-html.js';

/*
 * One responsive HTML email in the form mail clients agree on: nested tables for layout, inline styles on
 * every element (Gmail and Outlook drop or ignore <style> in places), a 600 px maximum width (with an
 * Outlook-only fixed table, since Outlook ignores max-width), a hidden preheader followed by spacer
 * characters so the client does not pull body text into the preview, and a table-cell "bulletproof" button.
 */

/** Where the sending service puts its unsubscribe link; replaced at send time. */
export const UNSUBSCRIBE_PLACEHOLDER = '{{unsubscribe_url}}';

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const TEXT_COLOR = '#1f2937';
const ACCENT = '#1d4ed8';

const BODY_STYLES: Partial<Record<StyledTag, string>> = {
  p: `${FONT}margin:0 0 16px;font-size:16px;line-height:24px;color:${TEXT_COLOR};`,
  h1: `${FONT}margin:0 0 16px;font-size:26px;line-height:32px;color:${TEXT_COLOR};`,
  h2: `${FONT}margin:24px 0 12px;font-size:20px;line-height:28px;color:${TEXT_COLOR};`,
  h3: `${FONT}margin:20px 0 8px;font-size:18px;line-height:26px;color:${TEXT_COLOR};`,
  h4: `${FONT}margin:16px 0 8px;font-size:16px;line-height:24px;color:${TEXT_COLOR};`,
  a: `color:${ACCENT};text-decoration:underline;`,
  ul: `${FONT}margin:0 0 16px;padding-left:24px;font-size:16px;line-height:24px;color:${TEXT_COLOR};`,
  ol: `${FONT}margin:0 0 16px;padding-left:24px;font-size:16px;line-height:24px;color:${TEXT_COLOR};`,
  li: 'margin:0 0 8px;',
  blockquote: `margin:0 0 16px;padding:0 0 0 16px;border-left:4px solid #d1d5db;color:#4b5563;`,
  pre: 'margin:0 0 16px;padding:12px;background-color:#f3f4f6;white-space:pre-wrap;',
  code: 'font-family:Menlo,Consolas,monospace;font-size:14px;',
  hr: 'border:0;border-top:1px solid #e5e7eb;margin:24px 0;',
  img: 'display:block;max-width:100%;height:auto;border:0;',
  table: 'border-collapse:collapse;margin:0 0 16px;',
  th: `${FONT}border:1px solid #e5e7eb;padding:6px 8px;font-size:14px;text-align:left;`,
  td: `${FONT}border:1px solid #e5e7eb;padding:6px 8px;font-size:14px;`,
};

export interface EmailHtmlInput {
  subject: string;
  preheader: string;
  bodyMarkdown: string;
  cta: CallToAction;
  brand: BrandVoice;
  /** Adds tracking to every link of the body and the button. */
  trackLink: (url: string) => string;
}

const PREHEADER_STYLE =
  'display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;color:#ffffff;';

/** A href for the email: only http(s)/mailto/tel survive, and tracking is added to web links. */
function emailHref(url: string, track: (url: string) => string): string {
  const safe = safeUrl(url);
  if (!/^https?:/i.test(safe)) return escapeHtml(safe);
  try {
    return escapeHtml(track(safe));
  } catch {
    return escapeHtml(safe);
  }
}

export function renderEmailHtml(input: EmailHtmlInput): string {
  const { brand } = input;
  const body = markdownToHtml(input.bodyMarkdown, {
    styles: BODY_STYLES,
    linkHref: (url) => (/^https?:/i.test(url) ? input.trackLink(url) : url),
  });
  // Zero-width spacers after the preheader fill the preview so no body text follows it.
  const spacer = '&#847;&zwnj;&nbsp;'.repeat(60);
  const button = `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">
<tr><td align="center" bgcolor="${ACCENT}" style="border-radius:6px;background-color:${ACCENT};">
<a href="${emailHref(input.cta.url, input.trackLink)}" target="_blank" style="${FONT}display:inline-block;padding:14px 28px;font-size:16px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeHtml(input.cta.label)}</a>
</td></tr>
</table>`;
  const address = brand.postalAddress ? `<br>${escapeHtml(brand.postalAddress)}` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(brand.language)}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${escapeHtml(input.subject)}</title>
<style>
@media only screen and (max-width: 620px) {
  .email-container { width: 100% !important; }
  .email-padding { padding-left: 16px !important; padding-right: 16px !important; }
}
</style>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
<span class="preheader" style="${PREHEADER_STYLE}">${escapeHtml(input.preheader)}</span>
<span style="${PREHEADER_STYLE}">${spacer}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:24px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" class="email-container" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background-color:#ffffff;border-radius:8px;">
<tr><td class="email-padding" style="padding:32px;${FONT}font-size:16px;line-height:24px;color:${TEXT_COLOR};">
${body}${button}
</td></tr>
<tr><td class="email-padding" style="padding:16px 32px 32px;${FONT}font-size:12px;line-height:18px;color:#6b7280;">
${escapeHtml(brand.name)}${address}<br>
<a href="${UNSUBSCRIBE_PLACEHOLDER}" style="color:#6b7280;text-decoration:underline;">Unsubscribe</a>
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;
}
