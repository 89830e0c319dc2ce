import { type Checkboxes, type ParsedBody, parseIssue, parseTemplate } from '@github/issue-parser';
import { Brief } from '../../artifacts/brief.js';
import type { Cadence, LandingPage, Objective } from '../../artifacts/brief-parts.js';
import { slugify } from '../../assets/shared/slug.js';
import { readAssetLines } from '../../brief-lines/assets.js';
import { readCadenceLines } from '../../brief-lines/cadence.js';
import { readObjectiveLines } from '../../brief-lines/objectives.js';
import { readMqlDefinition, readRegion } from '../../brief-lines/profile.js';
import type { LineProblem, LineRead } from '../../brief-lines/result.js';
import { readTimeZone } from '../../brief-lines/time-zone.js';
import { CHANNEL_LABELS, CHANNELS, type Channel, normaliseChannel } from '../../channels/index.js';
import type { Problem } from '../../errors.js';
import { isIsoDate } from '../../planning/dates.js';
import {
  builtInTemplateYaml,
  CAMPAIGN_FORM_FIELDS,
  CAMPAIGN_FORM_KEYS,
  CAMPAIGN_TITLE_PREFIX,
  type CampaignFormKey,
  CHANNEL_OPTIONS,
} from './campaign-form.js';
import {
  type AssetLine,
  answerLines,
  quote,
  readCurrencyCode,
  readMoney,
  splitLines,
  splitList,
} from './form-lines.js';

/** Where the repository keeps the form; named in problems about the template itself. */
export const CAMPAIGN_TEMPLATE_PATH = '.github/ISSUE_TEMPLATE/campaign.yml';

/** Hidden marker of the problems comment, so a re-check edits that comment instead of adding one. */
export const FORM_PROBLEMS_MARKER = '<!-- crescendo:form-problems -->';

export interface CampaignIssue {
  title: string;
  /** The issue body as GitHub stores it; `null` for an issue without one. */
  body: string | null | undefined;
  number: number;
  /**
   * The repository's `.github/ISSUE_TEMPLATE/campaign.yml`, read at the default branch. Without it the
   * built-in copy of the form's ids and labels is used.
   */
  templateYaml?: string;
}

export type CampaignIssueResult = { ok: true; brief: Brief } | { ok: false; problems: Problem[] };

type Path = readonly PropertyKey[];

/** Zod issues at these paths are not reported: the field already has a clearer problem. */
interface Suppressed {
  path: Path;
  /** Only the exact path (the list itself), not its items. */
  exact: boolean;
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.every((key, i) => path[i] === key);
}

/**
 * Reads a campaign issue written with the campaign issue form into a `Brief`. Every problem names the
 * form field as the user sees it (`Budget amount`, `Objectives line 2`) and says what to write.
 */
export function parseCampaignIssue(issue: CampaignIssue): CampaignIssueResult {
  const template = issue.templateYaml ?? builtInTemplateYaml();
  let labels: Record<string, string>;
  let parsed: ParsedBody;
  try {
    labels = Object.fromEntries(Object.entries(parseTemplate(template)).map(([id, f]) => [id, f.label]));
    parsed = parseIssue((issue.body ?? '').replace(/\r\n?/g, '\n'), template);
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          where: CAMPAIGN_TEMPLATE_PATH,
          message: `the issue form cannot be read (${error instanceof Error ? error.message : String(error)}); fix the YAML of the form`,
        },
      ],
    };
  }

  const labelOf = (key: CampaignFormKey): string => {
    const field = CAMPAIGN_FORM_FIELDS[key];
    return labels[field.id] ?? field.label;
  };
  const raw = (key: CampaignFormKey): ParsedBody[string] => {
    const field = CAMPAIGN_FORM_FIELDS[key];
    return parsed[field.id] ?? parsed[labelOf(key)];
  };
  const text = (key: CampaignFormKey): string | undefined => {
    const value = raw(key);
    const joined = typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined;
    const trimmed = joined?.trim();
    return trimmed === undefined || trimmed === '' || /^_no response_$|^none$/i.test(trimmed)
      ? undefined
      : trimmed;
  };
  const ticked = (key: CampaignFormKey): string[] => {
    const value = raw(key);
    if (isCheckboxes(value)) return value.selected.map((s) => s.trim()).filter((s) => s !== '');
    return splitLines(text(key));
  };

  const problems: Problem[] = [];
  const suppressed: Suppressed[] = [];
  const fail = (where: string, message: string, ...paths: Suppressed[]): void => {
    problems.push({ where, message });
    suppressed.push(...paths);
  };
  const whole = (...path: PropertyKey[]): Suppressed => ({ path, exact: false });
  const list = (...path: PropertyKey[]): Suppressed => ({ path, exact: true });

  // Required answers left empty: say so once, in the form's words.
  const requiredPaths: Partial<Record<CampaignFormKey, Path>> = {
    name: ['name'],
    landingUrl: ['landingUrl'],
    objectives: ['objectives'],
    audience: ['audience'],
    channels: ['channels'],
    budgetAmount: ['budget', 'amount'],
    startDate: ['timeframe', 'start'],
    endDate: ['timeframe', 'end'],
    tone: ['tone'],
    assets: ['assets'],
  };
  const titleName = issue.title
    .replace(new RegExp(`^\\s*${CAMPAIGN_TITLE_PREFIX.trim()}\\s*`, 'i'), '')
    .trim();
  const name = text('name') ?? (titleName === '' ? undefined : titleName);
  for (const [key, path] of Object.entries(requiredPaths) as [CampaignFormKey, Path][]) {
    const empty =
      key === 'name' ? name === undefined : key === 'channels' ? ticked(key).length === 0 : !text(key);
    if (empty) {
      const message = key === 'channels' ? 'none ticked' : 'is empty';
      fail(labelOf(key), `${message}; ${CAMPAIGN_FORM_FIELDS[key].fix}`, whole(...path));
    }
  }

  // Campaign id: given, or derived from the name.
  const givenId = text('id')?.toLowerCase();
  const derived = givenId === undefined;
  let id = givenId;
  if (id === undefined) {
    const slug = slugify(name ?? '', 64, '');
    id = slug.length >= 3 ? slug : `campaign-${issue.number}`;
  }

  // Budget: amount plus the dropdown's currency.
  let budgetAmount: number | undefined;
  let currency = readCurrencyCode(text('budgetCurrency') ?? '');
  const amountText = text('budgetAmount');
  if (amountText !== undefined) {
    const money = readMoney(amountText);
    if (!money.ok) {
      fail(
        labelOf('budgetAmount'),
        `${money.message}; ${CAMPAIGN_FORM_FIELDS.budgetAmount.fix}`,
        whole('budget'),
      );
    } else {
      budgetAmount = money.value.amount;
      const written = money.value.currency;
      if (written && currency && written !== currency) {
        fail(
          labelOf('budgetAmount'),
          `is written in ${written} but ${labelOf('budgetCurrency')} is ${currency}; choose ${written} in ${labelOf('budgetCurrency')} or drop the currency from the amount`,
          whole('budget'),
        );
      }
      currency ??= written;
    }
  }
  if (currency === undefined) {
    fail(
      labelOf('budgetCurrency'),
      `is empty; ${CAMPAIGN_FORM_FIELDS.budgetCurrency.fix}`,
      whole('budget', 'currency'),
    );
  }

  // Objectives, one or more per line, with deadlines such as "end of Q2" placed in the campaign's dates.
  const startText = text('startDate');
  const endText = text('endDate');
  const timeframe =
    startText && endText && isIsoDate(startText) && isIsoDate(endText)
      ? { start: startText, end: endText }
      : undefined;
  const lineProblems = (key: CampaignFormKey, found: readonly LineProblem[]): void => {
    for (const p of found) fail(`${labelOf(key)} line ${p.line}`, p.message, list(p.field));
  };
  const readObjectives = readObjectiveLines(answerLines(text('objectives')), {
    ...(currency === undefined ? {} : { currency }),
    ...(timeframe === undefined ? {} : { timeframe }),
  });
  const objectives: Objective[] = readObjectives.values.map((v) => v.value);
  const objectiveLines = readObjectives.values.map((v) => v.line);
  lineProblems('objectives', readObjectives.problems);

  // Assets, one type per line; landing page addresses written with their purposes.
  const readAssets = readAssetLines(answerLines(text('assets')));
  lineProblems('assets', readAssets.problems);
  const assets: AssetLine[] = [];
  const assetLines: number[] = [];
  for (const { line, value } of readAssets.values) {
    const where = `${labelOf('assets')} line ${line}`;
    if (assets.some((a) => a.type === value.type)) {
      fail(where, `${value.type} is listed twice; ${fixOf(['assets', 0, 'type'], derived)}`, list('assets'));
    } else {
      assets.push(value);
      assetLines.push(line);
    }
  }
  const landingPages: LandingPage[] = readAssets.landingPages.map((p) => p.value);
  const landingPageLines = readAssets.landingPages.map((p) => p.line);

  // Compare the dates here too, to word the problems in the form's terms and to leave out deadline
  // problems that only follow from a time frame that ends before it starts.
  const start = startText;
  const end = endText;
  if (start && end && isIsoDate(start) && isIsoDate(end)) {
    if (end <= start) {
      fail(
        labelOf('endDate'),
        `ends ${end}, before it starts ${start}; ${CAMPAIGN_FORM_FIELDS.endDate.fix}`,
        whole('timeframe', 'end'),
        // Deadlines cannot be checked against a time frame that ends before it starts.
        ...objectives.map((_, i) => whole('objectives', i, 'deadline')),
      );
    } else {
      objectives.forEach((objective, i) => {
        if (isIsoDate(objective.deadline) && (objective.deadline < start || objective.deadline > end)) {
          fail(
            `${labelOf('objectives')} line ${objectiveLines[i]}`,
            `${objective.deadline} is outside the time frame ${start} – ${end}; ${fixOf(['objectives', i, 'deadline'], derived)}`,
            whole('objectives', i, 'deadline'),
          );
        }
      });
    }
  }

  // Channels: the ticked boxes.
  const channels: Channel[] = [];
  for (const label of ticked('channels')) {
    const channel = channelOf(label);
    if (channel === undefined) {
      fail(
        labelOf('channels'),
        `${quote(label)} is not a channel Crescendo plans for; tick only the listed channels (${CHANNEL_OPTIONS.join(', ')})`,
        list('channels'),
      );
    } else if (!channels.includes(channel)) {
      channels.push(channel);
    }
  }

  // Optional cadences, read once the channels are known ("daily social" is each social channel).
  const readCadence = readCadenceLines(answerLines(text('cadence')), { socialChannels: channels });
  lineProblems('cadence', readCadence.problems);
  const cadence: Cadence[] = readCadence.values.map((v) => v.value);
  const cadenceLines = readCadence.values.map((v) => v.line);

  // Optional region, time zone and MQL definition.
  const optional = <T>(
    key: CampaignFormKey,
    path: string,
    read: (t: string) => LineRead<T>,
  ): T | undefined => {
    const answer = text(key);
    if (answer === undefined) return undefined;
    const result = read(answer);
    if (result.ok) return result.value;
    fail(labelOf(key), result.message, whole(path));
    return undefined;
  };
  const region = optional('region', 'region', readRegion);
  const timeZone = optional('timeZone', 'timeZone', readTimeZone);
  const mqlDefinition = optional('mqlDefinition', 'mqlDefinition', readMqlDefinition);

  // Optional model spend cap, in US dollars.
  let spendCapUsd: number | undefined;
  const capText = text('spendCap');
  if (capText !== undefined) {
    const money = readMoney(capText);
    if (!money.ok) {
      fail(
        labelOf('spendCap'),
        `${money.message}; ${CAMPAIGN_FORM_FIELDS.spendCap.fix}`,
        whole('spendCapUsd'),
      );
    } else if (money.value.currency && money.value.currency !== 'USD') {
      fail(
        labelOf('spendCap'),
        `is in ${money.value.currency}; the cap is in US dollars, ${CAMPAIGN_FORM_FIELDS.spendCap.fix}`,
        whole('spendCapUsd'),
      );
    } else {
      spendCapUsd = money.value.amount;
    }
  }

  const product = text('product');
  const input = {
    id,
    name,
    ...(product === undefined ? {} : { product }),
    landingUrl: text('landingUrl'),
    objectives,
    audience: text('audience'),
    industries: splitList(text('industries')),
    channels,
    budget: { amount: budgetAmount, currency },
    timeframe: { start: text('startDate'), end: text('endDate') },
    tone: text('tone'),
    competitors: splitLines(text('competitors')),
    assets,
    ...(landingPages.length === 0 ? {} : { landingPages }),
    ...(cadence.length === 0 ? {} : { cadence }),
    ...(region === undefined ? {} : { region }),
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(mqlDefinition === undefined ? {} : { mqlDefinition }),
    ...(spendCapUsd === undefined ? {} : { spendCapUsd }),
  };

  const result = Brief.safeParse(input);
  if (result.success && problems.length === 0) return { ok: true, brief: result.data };

  const seen = new Set(problems.map((p) => `${p.where}\n${p.message}`));
  for (const issue of result.success ? [] : result.error.issues) {
    const path = issue.path;
    if (
      suppressed.some((s) => (s.exact ? path.length === s.path.length : true) && startsWith(path, s.path))
    ) {
      continue;
    }
    const where = whereOf(path, {
      labelOf,
      derived,
      objectiveLines,
      assetLines,
      cadenceLines,
      landingPageLines,
    });
    const fix = fixOf(path, derived);
    const problem = { where, message: fix ? `${issue.message}; ${fix}` : issue.message };
    const key = `${problem.where}\n${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  if (problems.length === 0) problems.push({ where: 'Campaign form', message: 'cannot be read' });
  return { ok: false, problems: inFormOrder(problems, CAMPAIGN_FORM_KEYS.map(labelOf)) };
}

/** Problems in the order of the form's fields, lines in order within a field; others first. */
function inFormOrder(problems: readonly Problem[], labels: readonly string[]): Problem[] {
  const rank = (p: Problem): [number, number] => {
    const match = /^(.*) line (\d+)$/.exec(p.where);
    const label = match?.[1] ?? p.where;
    return [labels.indexOf(label), match ? Number(match[2]) : 0];
  };
  return problems
    .map((p, i) => ({ p, i, r: rank(p) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map(({ p }) => p);
}

function isCheckboxes(value: ParsedBody[string]): value is Checkboxes {
  return typeof value === 'object' && !Array.isArray(value) && Array.isArray(value.selected);
}

const CHANNEL_BY_LABEL: ReadonlyMap<string, Channel> = new Map(
  CHANNELS.map((channel) => [CHANNEL_LABELS[channel].toLowerCase(), channel]),
);

function channelOf(label: string): Channel | undefined {
  return CHANNEL_BY_LABEL.get(label.trim().toLowerCase()) ?? normaliseChannel(label);
}

interface WhereContext {
  labelOf(key: CampaignFormKey): string;
  derived: boolean;
  objectiveLines: readonly number[];
  assetLines: readonly number[];
  cadenceLines: readonly number[];
  landingPageLines: readonly number[];
}

/** The form's field label for a path of the Brief, e.g. `['objectives', 1, 'deadline']` → `Objectives line 3`. */
function whereOf(path: Path, ctx: WhereContext): string {
  const [first, second] = path;
  const line = (key: CampaignFormKey, lines: readonly number[]): string => {
    const n = typeof second === 'number' ? lines[second] : undefined;
    return n === undefined ? ctx.labelOf(key) : `${ctx.labelOf(key)} line ${n}`;
  };
  switch (first) {
    case 'id':
      return ctx.labelOf(ctx.derived ? 'name' : 'id');
    case 'name':
    case 'product':
    case 'landingUrl':
    case 'audience':
    case 'industries':
    case 'channels':
    case 'tone':
    case 'competitors':
      return ctx.labelOf(first);
    case 'objectives':
      return line('objectives', ctx.objectiveLines);
    case 'assets':
      return line('assets', ctx.assetLines);
    case 'landingPages':
      return line('assets', ctx.landingPageLines);
    case 'cadence':
      return line('cadence', ctx.cadenceLines);
    case 'region':
    case 'timeZone':
    case 'mqlDefinition':
      return ctx.labelOf(first);
    case 'budget':
      return ctx.labelOf(second === 'currency' ? 'budgetCurrency' : 'budgetAmount');
    case 'timeframe':
      return ctx.labelOf(second === 'start' ? 'startDate' : 'endDate');
    case 'spendCapUsd':
      return ctx.labelOf('spendCap');
    default:
      return 'Campaign form';
  }
}

/** What to do about a schema problem at a path, in the form's terms. */
function fixOf(path: Path, derived: boolean): string | undefined {
  const [first, second, third] = path;
  const fields = CAMPAIGN_FORM_FIELDS;
  switch (first) {
    case 'id':
      return derived ? 'set a Campaign id, since one cannot be made from this name' : fields.id.fix;
    case 'name':
    case 'product':
    case 'landingUrl':
    case 'audience':
    case 'industries':
    case 'channels':
    case 'tone':
    case 'competitors':
      return fields[first].fix;
    case 'objectives':
      if (third === 'deadline')
        return 'use a deadline between the start and end dates, such as `by end of Q2`';
      if (third === 'target') return 'write a target above 0';
      if (third === 'baseline' || third === 'growth')
        return 'write the growth and the figure it grows from, like `30% from 12,000`';
      return fields.objectives.fix;
    case 'assets':
      if (third === 'count') return 'write how many as a whole number of at least 1, like `3 blog posts`';
      if (third === 'type') return 'list each asset type on one line only, with the total count';
      if (third === 'names') return 'name each item in brackets, as many names as the count';
      return fields.assets.fix;
    case 'landingPages':
      return 'write each landing page as its purpose and address, like `2 landing pages (trial: https://example.com/trial, demo: https://example.com/demo)`';
    case 'cadence':
    case 'region':
    case 'timeZone':
    case 'mqlDefinition':
      return fields[first].fix;
    case 'budget':
      return second === 'currency' ? fields.budgetCurrency.fix : fields.budgetAmount.fix;
    case 'timeframe':
      return second === 'start' ? fields.startDate.fix : fields.endDate.fix;
    case 'spendCapUsd':
      return fields.spendCap.fix;
    default:
      return undefined;
  }
}

/** The headings every campaign form answer has (the form's required fields). */
const CAMPAIGN_HEADINGS: readonly CampaignFormKey[] = [
  'name',
  'objectives',
  'channels',
  'budgetAmount',
  'assets',
];

export type IssueLabel = string | { name?: string | null };

/**
 * Whether an issue is a campaign request: it carries the `campaign` label, or its body has the campaign
 * form's headings (GitHub does not promise the form's labels are in the `issues.opened` payload).
 */
export function isCampaignIssue(
  body: string | null | undefined,
  labels: readonly IssueLabel[] = [],
): boolean {
  const names = labels.map((label) =>
    (typeof label === 'string' ? label : (label.name ?? '')).trim().toLowerCase(),
  );
  if (names.includes('campaign')) return true;
  const text = (body ?? '').replace(/\r\n?/g, '\n');
  return CAMPAIGN_HEADINGS.every((key) => {
    const label = CAMPAIGN_FORM_FIELDS[key].label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^###[ \\t]+${label}[ \\t]*$`, 'm').test(text);
  });
}

/** Escapes HTML, mentions and references outside inline code spans, which are shown as written. */
function safeMarkdown(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/#(?=\d)/g, '&#35;')
            .replace(/@/g, '&#64;')
            .replace(/\r?\n/g, ' '),
    )
    .join('');
}

/**
 * The issue comment for a form that cannot start a campaign: a heading, one bullet per problem naming the
 * field and what to write, and how to re-check. It starts with `FORM_PROBLEMS_MARKER` so the next check
 * edits this comment in place.
 */
export function renderFormProblems(problems: readonly Problem[]): string {
  const count = problems.length === 1 ? 'one answer' : `${problems.length} answers`;
  const lines = [
    FORM_PROBLEMS_MARKER,
    '### ✋ This campaign brief needs a fix before it can start',
    '',
    `Crescendo read the form, but ${count} need${problems.length === 1 ? 's' : ''} changing first:`,
    '',
    ...problems.map(
      (p) =>
        `- **${safeMarkdown(p.where)}${p.line === undefined ? '' : ` (line ${p.line})`}**: ${safeMarkdown(p.message)}`,
    ),
    '',
    'Edit the issue (the **⋯** menu on the issue, then **Edit**) to fix these answers and save: Crescendo',
    're-checks the form on every edit and starts the research stage once it reads correctly.',
    '',
  ];
  return lines.join('\n');
}
