/**
 * What a call to action or a page is for, read from its words: "Book a 20-minute demo" is a demo, "Start
 * your free trial" a trial, "Get the playbook" a download. A landing page's purpose in the brief ("trial",
 * "demo", "pricing page") is read the same way, so a CTA and a page can be compared.
 */
export type Intent = 'demo' | 'trial' | 'pricing' | 'download' | 'contact' | 'register' | 'buy';

const INTENT_WORDS: readonly [Intent, RegExp][] = [
  ['demo', /\bdemo(s|nstration)?\b/i],
  ['trial', /\btrial\b|\btry\b|\bstart (for )?free\b|\bfree account\b/i],
  ['pricing', /\bpric(e|es|ing)\b|\bquote\b|\bplans\b/i],
  [
    'download',
    /\bdownload\b|\bplaybook\b|\bguide\b|\btemplates?\b|\be-?book\b|\bchecklist\b|\bwhite ?paper\b/i,
  ],
  ['contact', /\bcontact\b|\btalk to\b|\bcall us\b/i],
  ['register', /\bregist(er|ration)\b|\bwebinar\b|\bsave (my|your) seat\b|\bsign up\b/i],
  ['buy', /\bbuy\b|\bshop\b|\border now\b/i],
];

export function intentsOf(text: string): Intent[] {
  return INTENT_WORDS.filter(([, pattern]) => pattern.test(text)).map(([intent]) => intent);
}

/** LinkedIn's fixed buttons (the Marketing API's names), read as intents. */
export const LINKEDIN_CTA_INTENTS: Readonly<Record<string, Intent | undefined>> = {
  REQUEST_DEMO: 'demo',
  DOWNLOAD: 'download',
  SIGN_UP: 'register',
  REGISTER: 'register',
  ATTEND: 'register',
  JOIN: 'register',
  VIEW_QUOTE: 'pricing',
  BUY_NOW: 'buy',
  SHOP_NOW: 'buy',
};

export const INTENT_NAMES: Readonly<Record<Intent, string>> = {
  demo: 'a demo',
  trial: 'a trial',
  pricing: 'pricing',
  download: 'a download',
  contact: 'contact with sales',
  register: 'a registration',
  buy: 'a purchase',
};
