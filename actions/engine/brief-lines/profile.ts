import type { LandingPage } from '../artifacts/brief-parts.js';
import { accept, ask, type LineRead, quote, refuse } from './result.js';
import { plain, takeUrl } from './text.js';

/**
 * The region the campaign targets, as the team says it ("North America", "DACH", "US & Canada"). Kept as
 * written; an answer that names no place ("global?", "n/a") is asked about.
 */
export function readRegion(text: string): LineRead<string> {
  const region = plain(text).replace(/[.?!]+$/, '');
  if (region.length < 2 || /^(?:n\/?a|none|tbd|tbc|-+|\?+)$/i.test(region)) {
    return ask(
      text,
      'which region does the campaign target? Write it like `North America` or `UK and Ireland`',
    );
  }
  return accept(region);
}

/**
 * The team's definition of a marketing-qualified lead, kept as written. A one-word answer ("standard")
 * cannot guide anyone and is asked about.
 */
export function readMqlDefinition(text: string): LineRead<string> {
  const definition = text.trim().replace(/\r\n?/g, '\n');
  if (plain(definition).length < 10 || !/\s/.test(plain(definition))) {
    return ask(
      text,
      'what makes a lead an MQL for your team? Write it like `Lead score ≥ 50: a manager or above at a 50–500 person B2B company who downloaded a lead magnet or visited pricing`',
    );
  }
  return accept(definition);
}

/** A landing page by purpose: `trial: https://acme.example/trial`, `Demo page — https://…`. */
export function readLandingPage(text: string): LineRead<LandingPage> {
  const { url, rest } = takeUrl(plain(text));
  if (!url)
    return refuse(`${quote(text)} has no address; write it like \`trial: https://example.com/trial\``);
  const purpose = rest
    .replace(/[:=→—–-]+\s*$/, '')
    .replace(/\b(?:landing\s+)?page\b/i, '')
    .trim();
  if (purpose === '') return ask(text, `what is the page at ${url} for? Write it like \`trial: ${url}\``);
  return accept({ purpose, url });
}
