/**
 * The review's checks by code, one file each, one line here, in the order findings are listed. They run
 * before the model and decide what they cover: the model is never asked about it and never overrides it.
 */
import type { CodeCheck } from '../code-check.js';
import { brandCheck } from './brand.js';
import { consistencyCheck } from './consistency.js';
import { ctaCheck } from './cta.js';
import { factsCheck } from './facts.js';
import { limitsCheck } from './limits.js';
import { linksCheck } from './links.js';
import { seoCheck } from './seo.js';
import { sourcesCheck } from './sources.js';

export const CODE_CHECK_LIST: readonly CodeCheck[] = [
  limitsCheck,
  linksCheck,
  ctaCheck,
  factsCheck,
  sourcesCheck,
  consistencyCheck,
  brandCheck,
  seoCheck,
];
