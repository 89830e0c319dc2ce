/**
 * The limits of an email sequence, in a module of their own: the brief's asset requests check counts against them
 * without loading the asset's renderer.
 */
export const EMAIL_LIMITS = {
  subject: { recommendedMax: 60 },
  preheader: { recommendedMin: 40, recommendedMax: 100 },
  emails: { min: 1, max: 20 },
  maxSendOffsetDays: 365,
} as const;
