import type { Campaign } from '../artifacts/campaign-state.js';
import { loadConfig } from '../config/config.js';
import { type CrescendoError, hasCode } from '../errors.js';
import type { Forge } from '../forge/forge.js';
import { STAGES } from '../stages/index.js';
import type { Stage } from '../stages/stage.js';
import { currentStage, previousApproved, type StageViews } from './stage-status.js';

const sentence = (text: string): string => {
  const trimmed = text.trim().replace(/[.;:,\s]+$/, '');
  return trimmed ? `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.` : '';
};

/**
 * What a stage that waits for people needs, said so they can act: what is missing, what to provide and where
 * to put it (the stage's error says all three), and what happens once it is there.
 */
export function waitingNote(stage: Stage, error: CrescendoError): string {
  const place = error.where?.replace(/\/+$/, '');
  const where = place && !error.fix?.includes(place) ? ` Put it in \`${error.where}\`.` : '';
  const then =
    stage.scheduled === 'run'
      ? ` Once it is there, the ${stage.title.toLowerCase()} runs on its schedule, or at once when run by hand.`
      : '';
  return `${sentence(error.message)}${error.fix ? ` ${sentence(error.fix)}` : ''}${where}${then}`;
}

/**
 * Whether the stage in flight waits for something a person provides, asked of the stage itself (its `ready`)
 * against the repository as it is now, so the campaign issue says so whichever event rendered it. Undefined
 * when it does not wait, or is not the one to act (in review, or the stage before is not approved).
 */
export async function stageWaits(
  forge: Forge,
  campaign: Campaign,
  views: StageViews,
  now: Date,
): Promise<string | undefined> {
  const stage = STAGES[currentStage(views)];
  const status = views[stage.name].status;
  if (!stage.ready || status === 'in-review' || !previousApproved(views, stage.name)) return undefined;
  if (status === 'approved' && !stage.repeats) return undefined;
  const config = await loadConfig((p) => forge.readFile(p));
  try {
    await stage.ready({
      readFile: (p) => forge.readFile(p),
      readBytes: (p) => forge.readBytes(p),
      readStream: (p) => forge.readStream(p),
      listFiles: (d) => forge.listFiles(d),
      campaign,
      config,
      feedback: [],
      now,
      log: () => {},
    });
    return undefined;
  } catch (error) {
    // Anything but "waiting" is the stage run's to report, not the progress comment's.
    return hasCode(error, 'waiting') ? waitingNote(stage, error) : undefined;
  }
}
