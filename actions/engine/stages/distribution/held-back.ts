import type { DistributionGate } from '../../artifacts/review.js';
import { reviewPath } from '../../artifacts/review.js';
import { bullets } from '../../files/markdown.js';

/**
 * What the distribution pull request says about the review's gate: the assets it holds back and why, how a
 * person releases them, and the claims people waived rather than verified (so the waivers stay visible).
 */
export function gateSection(gate: DistributionGate, campaignId: string): string {
  const parts: string[] = [];
  if (gate.held.length > 0) {
    parts.push(
      `## Held back (${gate.held.length})`,
      'Not scheduled: an asset goes out only once the review approved it and a person with write access ticked (or waived) every claim it states.',
      bullets(gate.held.map((h) => `\`${h.path}\`: ${h.reason}`)),
      `To release one, tick its claims in \`${reviewPath(campaignId)}\` on the default branch (or waive them with \`waive: C3 <why>\`), then ask for a revision of this pull request (\`/crescendo revise\`, or \`crescendo revise ${campaignId} --feedback "schedule the released assets"\`).`,
    );
  }
  if (gate.waived.length > 0) {
    parts.push(
      `## Claims waived (${gate.waived.length})`,
      bullets(gate.waived.map((w) => `**${w.id}** ${w.text}${w.reason ? ` — waived: ${w.reason}` : ''}`)),
    );
  }
  return parts.join('\n\n');
}
