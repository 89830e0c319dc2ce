import type { Problem } from '../errors.js';
import { achievability } from './achievability.js';
import type { Benchmarks } from './benchmarks.js';
import { type DateWindow, isIsoDate, isWithinWindow } from './dates.js';
import { type ChannelShare, planFunnel } from './funnel.js';
import { METRIC_SYNONYMS, normaliseMetric, type ObjectiveMetric } from './metrics.js';

/** An objective as the strategy states it. */
export interface SmartObjective {
  /** A metric from the vocabulary (`mqls`, `leads`, …) or a known synonym ("MQLs"). */
  metric: string;
  target: number;
  /** What the target counts, e.g. `MQLs` or `USD`. */
  unit: string;
  /** ISO date by which the target is due. */
  deadline: string;
  /** The business goal this objective serves, e.g. "grow Q2 pipeline for the mid-market plan". */
  businessGoal: string;
  description: string;
  /** How the target splits across channels; needed for the Achievable check. */
  channels?: ChannelShare[];
}

export interface SmartContext {
  window: DateWindow;
  /** Without benchmarks, Achievable is reported as not assessed. */
  benchmarks?: Benchmarks;
  /** Budget available to this objective. */
  budget?: number;
  cplTolerance?: number;
}

export type SmartLetter = 'specific' | 'measurable' | 'achievable' | 'relevant' | 'timeBound';
export type SmartStatus = 'pass' | 'fail' | 'not-assessed';
export type SmartAssessment = Record<SmartLetter, { status: SmartStatus; problems: Problem[] }>;

const LETTER_NAME: Readonly<Record<SmartLetter, string>> = {
  specific: 'Specific',
  measurable: 'Measurable',
  achievable: 'Achievable',
  relevant: 'Relevant',
  timeBound: 'Time-bound',
};

/** Issue forms write `_No response_` for an empty answer; that is not a business goal. */
function isBlank(text: string | undefined): boolean {
  const t = (text ?? '').trim();
  return t === '' || t === '_No response_';
}

function result(letter: SmartLetter, problems: Problem[]): { status: SmartStatus; problems: Problem[] } {
  const named = problems.map((p) => ({ ...p, message: `${LETTER_NAME[letter]}: ${p.message}` }));
  return { status: named.length === 0 ? 'pass' : 'fail', problems: named };
}

/** Whether `description` names the metric or one of its synonyms, as a whole word. */
function namesMetric(description: string, metric: ObjectiveMetric): boolean {
  const text = description.toLowerCase();
  return [metric, ...METRIC_SYNONYMS[metric]].some((word) => {
    const escaped = word.toLowerCase().replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    return new RegExp(`(^|[^a-z])${escaped}([^a-z]|$)`).test(text);
  });
}

/**
 * Checks one objective letter by letter. `where` is its field path, e.g. `objectives[1]`;
 * problems point at the field to fix (`objectives[1].deadline`).
 */
export function assessSmart(
  objective: SmartObjective,
  context: SmartContext,
  where: string,
): SmartAssessment {
  const metric = normaliseMetric(objective.metric);

  const specific: Problem[] = [];
  if (!metric) {
    specific.push({
      where: `${where}.metric`,
      message: `"${objective.metric}" is not a metric Crescendo can measure; use one of ${Object.keys(METRIC_SYNONYMS).join(', ')}`,
    });
  }
  if (isBlank(objective.description)) {
    specific.push({ where: `${where}.description`, message: 'describe the objective in a sentence' });
  } else if (metric && !namesMetric(objective.description, metric)) {
    specific.push({
      where: `${where}.description`,
      message: `the description should name what is counted (${metric})`,
    });
  }

  const measurable: Problem[] = [];
  if (!(Number.isFinite(objective.target) && objective.target > 0)) {
    measurable.push({
      where: `${where}.target`,
      message: `the target must be a number above 0, got ${objective.target}`,
    });
  }
  if (isBlank(objective.unit)) {
    measurable.push({
      where: `${where}.unit`,
      message: 'say what the target counts (for example MQLs or USD)',
    });
  }

  let achievable: { status: SmartStatus; problems: Problem[] };
  if (!metric || !context.benchmarks || !objective.channels || measurable.length > 0) {
    achievable = { status: 'not-assessed', problems: [] };
  } else {
    const plan = planFunnel({ metric, target: objective.target }, objective.channels, context.benchmarks, {
      where,
    });
    achievable = result('achievable', [
      ...plan.problems,
      ...achievability(plan, context.benchmarks, {
        where,
        ...(context.budget === undefined ? {} : { budget: context.budget }),
        ...(context.cplTolerance === undefined ? {} : { cplTolerance: context.cplTolerance }),
      }),
    ]);
  }

  const relevant: Problem[] = [];
  if (isBlank(objective.businessGoal)) {
    relevant.push({
      where: `${where}.businessGoal`,
      message: 'name the business goal this objective serves',
    });
  }

  const timeBound: Problem[] = [];
  const { start, end } = context.window;
  if (!isIsoDate(objective.deadline)) {
    timeBound.push({
      where: `${where}.deadline`,
      message: `"${objective.deadline}" is not a date (YYYY-MM-DD)`,
    });
  } else if (!isWithinWindow(objective.deadline, context.window)) {
    timeBound.push({
      where: `${where}.deadline`,
      message: `deadline ${objective.deadline} is outside the campaign window ${start} to ${end}`,
    });
  }

  return {
    specific: result('specific', specific),
    measurable: result('measurable', measurable),
    achievable,
    relevant: result('relevant', relevant),
    timeBound: result('timeBound', timeBound),
  };
}

/** All problems of all objectives, with paths `objectives[i].<field>` (or `<prefix>[i]…`). */
export function checkSmart(
  objectives: readonly SmartObjective[],
  context: SmartContext,
  prefix = 'objectives',
): Problem[] {
  return objectives.flatMap((objective, i) => {
    const assessment = assessSmart(objective, context, `${prefix}[${i}]`);
    return Object.values(assessment).flatMap((letter) => letter.problems);
  });
}
