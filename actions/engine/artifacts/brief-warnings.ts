import type { Brief } from './brief.js';
import type { BriefCheck } from './brief-checks.js';

/**
 * What in a valid brief is probably a mistake but may be meant: reported where the person sees it (the CLI,
 * the campaign issue), never refusing the brief. `today` is yyyy-mm-dd.
 */
export function briefWarnings(brief: Brief, today: string): BriefCheck[] {
  const { start, end } = brief.timeframe;
  if (end < today) {
    return [
      {
        path: ['timeframe', 'end'],
        message: `the campaign ended on ${end}, before today (${today}): plans, dates and send times will all be in the past`,
      },
    ];
  }
  if (start < today) {
    return [
      {
        path: ['timeframe', 'start'],
        message: `the campaign started on ${start}, before today (${today}): dates before today cannot be published`,
      },
    ];
  }
  return [];
}
