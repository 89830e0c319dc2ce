import type { EmailSequence, LinkedInAd } from '../../../assets/index.js';
import { type CheckResult, type CodeCheck, finding, noResult } from '../code-check.js';
import { linksOf } from '../copy.js';
import { INTENT_NAMES, type Intent, intentsOf, LINKEDIN_CTA_INTENTS } from '../intent.js';
import { fieldLine, textLine } from '../locate.js';
import type { ReviewedAsset } from '../reviewed-asset.js';

interface CallToAction {
  where: string;
  label: string;
  intents: Intent[];
  href: string;
}

/** The asset's buttons: labelled CTA fields, LinkedIn's fixed button, and email variants' new labels. */
function callsToAction(asset: ReviewedAsset): CallToAction[] {
  const ctas: CallToAction[] = [];
  for (const link of linksOf(asset)) {
    if (!link.label || !/(^|\.)cta\.url$|^destinationUrl$/.test(link.where)) continue;
    const linkedIn =
      asset.type === 'linkedin-ad'
        ? LINKEDIN_CTA_INTENTS[(asset.data as LinkedInAd).callToAction]
        : undefined;
    const intents = asset.type === 'linkedin-ad' ? (linkedIn ? [linkedIn] : []) : intentsOf(link.label);
    ctas.push({ where: link.where, label: link.label, intents, href: link.href });
  }
  if (asset.type === 'email-sequence') {
    const sequence = asset.data as EmailSequence;
    sequence.variants?.forEach((variant, v) => {
      variant.changes.forEach((change, c) => {
        const email = sequence.emails[change.email - 1];
        if (!change.ctaLabel || !email) return;
        ctas.push({
          where: `variants[${v}].changes[${c}].ctaLabel`,
          label: change.ctaLabel,
          intents: intentsOf(change.ctaLabel),
          href: email.cta.url,
        });
      });
    });
  }
  return ctas.filter((c) => c.intents.length > 0);
}

/** The field holding a CTA's words: `cta.label` for `cta.url`, the button for a LinkedIn destination. */
const labelField = (where: string): string =>
  where === 'destinationUrl' ? 'callToAction' : where.replace(/\.url$/, '.label');

const purposeText = (intents: readonly Intent[]): string => intents.map((i) => INTENT_NAMES[i]).join(' or ');

/**
 * Each call to action goes where its words say: "Book a demo" to the page for demos. A page's purpose is the
 * brief's (`landingPages`: a mismatch is a blocker) or read from the landing page Crescendo made for it (its
 * form and button: a mismatch is major, since the page may offer more than its form says).
 */
export const ctaCheck: CodeCheck = {
  id: 'cta',
  rule: "Each call to action leads to the page for what its words promise (the brief's landing pages by purpose)",
  run({ assets, site }) {
    const result: CheckResult = noResult();
    for (const asset of assets) {
      if (!asset.data) continue;
      for (const cta of callsToAction(asset)) {
        const url = site.resolve(cta.href);
        if (!url) continue;
        const page = site.pageAt(url);
        const right = site.pages.find((p) => p.declared && p.purposes.some((x) => cta.intents.includes(x)));
        const promise = purposeText(cta.intents);
        const line = fieldLine(asset, labelField(cta.where)) ?? textLine(asset, cta.where, cta.label);
        if (page && page.purposes.length > 0 && !page.purposes.some((p) => cta.intents.includes(p))) {
          const fix =
            right && right !== page
              ? `link the brief's page for it, ${right.href}`
              : `link a page that offers ${promise}, or change the label to what this page offers`;
          result.findings.push(
            finding(
              'cta',
              page.declared ? 'blocker' : 'major',
              asset,
              line,
              `"${cta.label}" promises ${promise}, but ${cta.href} is the page for ${purposeText(page.purposes)}${page.declared ? " (the brief's landingPages)" : ' (its form says so)'}: ${fix}`,
              cta.label,
            ),
          );
        } else if (!page && right) {
          result.findings.push(
            finding(
              'cta',
              'major',
              asset,
              line,
              `"${cta.label}" promises ${promise}; the brief's page for it is ${right.href}, but it links ${cta.href}`,
              cta.label,
            ),
          );
        }
      }
    }
    return result;
  },
};
