import { stringify } from 'yaml';
import { CHANNEL_LABELS, CHANNELS } from '../../channels/index.js';

/**
 * The campaign issue form (`.github/ISSUE_TEMPLATE/campaign.yml`) as the code reads it: each answer's
 * form `id`, the label the user sees (the `### <label>` heading GitHub writes into the issue body)
 * and its type. A test checks that the YAML file declares exactly these ids, labels and types, so the
 * two cannot drift apart. Descriptions, placeholders and guidance live only in the YAML.
 */
export type FormFieldType = 'input' | 'textarea' | 'dropdown' | 'checkboxes';

export interface FormField {
  /** The `id` in the issue form. */
  id: string;
  /** The label the user sees; also the `### ` heading of the answer in the issue body. */
  label: string;
  type: FormFieldType;
  required: boolean;
  /** What to write, said to a person who got it wrong. */
  fix: string;
}

export type CampaignFormKey =
  | 'name'
  | 'id'
  | 'product'
  | 'landingUrl'
  | 'objectives'
  | 'audience'
  | 'industries'
  | 'channels'
  | 'budgetAmount'
  | 'budgetCurrency'
  | 'startDate'
  | 'endDate'
  | 'tone'
  | 'competitors'
  | 'assets'
  | 'cadence'
  | 'region'
  | 'timeZone'
  | 'mqlDefinition'
  | 'spendCap';

export const OBJECTIVE_LINE_EXAMPLE = '500 mqls by 2025-06-30 — Pipeline for Q3';
export const ASSET_LINE_EXAMPLE = '8 blog posts (SEO-optimized)';
export const CADENCE_LINE_EXAMPLE = 'Blog: 2 posts/week';

export const CAMPAIGN_FORM_FIELDS: Readonly<Record<CampaignFormKey, FormField>> = {
  name: {
    id: 'campaign-name',
    label: 'Campaign name',
    type: 'input',
    required: true,
    fix: 'give the campaign a short name of at least 3 characters',
  },
  id: {
    id: 'campaign-id',
    label: 'Campaign id',
    type: 'input',
    required: false,
    fix: 'use a lowercase slug of 3–64 letters, digits and dashes such as `q3-pipeline-push`, or leave it empty',
  },
  product: {
    id: 'product',
    label: 'Product',
    type: 'input',
    required: false,
    fix: 'name the product or offer, or leave it empty',
  },
  landingUrl: {
    id: 'landing-url',
    label: 'Landing page URL',
    type: 'input',
    required: true,
    fix: 'paste the full address, starting with `https://`',
  },
  objectives: {
    id: 'objectives',
    label: 'Objectives',
    type: 'textarea',
    required: true,
    fix: `write one objective per line, like \`${OBJECTIVE_LINE_EXAMPLE}\``,
  },
  audience: {
    id: 'audience',
    label: 'Audience',
    type: 'textarea',
    required: true,
    fix: 'describe who the campaign is for: roles, company size, situation',
  },
  industries: {
    id: 'industries',
    label: 'Industries',
    type: 'input',
    required: false,
    fix: 'list industries separated by commas, or leave it empty',
  },
  channels: {
    id: 'channels',
    label: 'Channels',
    type: 'checkboxes',
    required: true,
    fix: 'tick at least one of the listed channels',
  },
  budgetAmount: {
    id: 'budget-amount',
    label: 'Budget amount',
    type: 'input',
    required: true,
    fix: 'write the total budget as a number above 0, such as `25000` or `25k`',
  },
  budgetCurrency: {
    id: 'budget-currency',
    label: 'Budget currency',
    type: 'dropdown',
    required: true,
    fix: 'choose the currency of the budget from the list',
  },
  startDate: {
    id: 'start-date',
    label: 'Start date',
    type: 'input',
    required: true,
    fix: 'write the first day of the campaign as yyyy-mm-dd, such as `2025-04-01`',
  },
  endDate: {
    id: 'end-date',
    label: 'End date',
    type: 'input',
    required: true,
    fix: 'write the last day of the campaign as yyyy-mm-dd, after the start date',
  },
  tone: {
    id: 'tone',
    label: 'Tone',
    type: 'input',
    required: true,
    fix: 'say in a few words how the campaign should sound, such as `confident, practical, no hype`',
  },
  competitors: {
    id: 'competitors',
    label: 'Known competitors',
    type: 'textarea',
    required: false,
    fix: 'write one competitor per line, or leave it empty',
  },
  assets: {
    id: 'assets',
    label: 'Assets requested',
    type: 'textarea',
    required: true,
    fix: `write one asset type per line with how many, like \`${ASSET_LINE_EXAMPLE}\``,
  },
  cadence: {
    id: 'cadence',
    label: 'Publishing cadence',
    type: 'textarea',
    required: false,
    fix: `write one channel per line with how often, like \`${CADENCE_LINE_EXAMPLE}\`, \`weekly newsletter\` or \`daily social\``,
  },
  region: {
    id: 'region',
    label: 'Region',
    type: 'input',
    required: false,
    fix: 'name the region the campaign targets, such as `North America`, or leave it empty',
  },
  timeZone: {
    id: 'time-zone',
    label: 'Time zone',
    type: 'input',
    required: false,
    fix: "write the audience's time zone, such as `America/New_York`, `Europe/London` or `ET`, or leave it empty",
  },
  mqlDefinition: {
    id: 'mql-definition',
    label: 'MQL definition',
    type: 'textarea',
    required: false,
    fix: 'say what makes a lead an MQL for your team (a lead score, a fit and an action), or leave it empty',
  },
  spendCap: {
    id: 'spend-cap',
    label: 'Model spend cap (USD)',
    type: 'input',
    required: false,
    fix: 'write a number of US dollars above 0, such as `25`, or leave it empty for the repository default',
  },
};

export const CAMPAIGN_FORM_KEYS = Object.keys(CAMPAIGN_FORM_FIELDS) as CampaignFormKey[];

/** The dropdown's currencies, first is the default. Options read `USD (US dollar)`; the code is what counts. */
export const FORM_CURRENCIES: readonly (readonly [code: string, name: string])[] = [
  ['USD', 'US dollar'],
  ['EUR', 'euro'],
  ['GBP', 'pound sterling'],
  ['CAD', 'Canadian dollar'],
  ['AUD', 'Australian dollar'],
  ['NZD', 'New Zealand dollar'],
  ['CHF', 'Swiss franc'],
  ['JPY', 'Japanese yen'],
  ['SEK', 'Swedish krona'],
  ['NOK', 'Norwegian krone'],
  ['DKK', 'Danish krone'],
  ['PLN', 'Polish złoty'],
  ['INR', 'Indian rupee'],
  ['SGD', 'Singapore dollar'],
  ['HKD', 'Hong Kong dollar'],
  ['BRL', 'Brazilian real'],
  ['MXN', 'Mexican peso'],
  ['ZAR', 'South African rand'],
  ['AED', 'UAE dirham'],
];

export function currencyOption(code: string, name: string): string {
  return `${code} (${name})`;
}

/** The checkbox labels of the Channels field, in the order of the Channel vocabulary. */
export const CHANNEL_OPTIONS: readonly string[] = CHANNELS.map((channel) => CHANNEL_LABELS[channel]);

export const CAMPAIGN_FORM_LABELS = ['crescendo', 'campaign'] as const;
export const CAMPAIGN_TITLE_PREFIX = 'Campaign: ';

/**
 * A minimal issue form with the same ids, labels and types as the YAML file, for `@github/issue-parser`
 * when the caller has not read the repository's template.
 */
export function builtInTemplateYaml(): string {
  const body = CAMPAIGN_FORM_KEYS.map((key) => {
    const field = CAMPAIGN_FORM_FIELDS[key];
    const attributes: Record<string, unknown> = { label: field.label };
    if (field.type === 'checkboxes' && key === 'channels') {
      attributes.options = CHANNEL_OPTIONS.map((label) => ({ label }));
    }
    if (field.type === 'dropdown' && key === 'budgetCurrency') {
      attributes.options = FORM_CURRENCIES.map(([code, name]) => currencyOption(code, name));
    }
    return { type: field.type, id: field.id, attributes, validations: { required: field.required } };
  });
  return stringify({
    name: 'Start a marketing campaign',
    description: 'Brief Crescendo on a new campaign.',
    title: CAMPAIGN_TITLE_PREFIX,
    labels: [...CAMPAIGN_FORM_LABELS],
    body,
  });
}
