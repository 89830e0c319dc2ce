/**
 * The limits of a Google responsive search ad, in a module of their own: the brief's asset requests
 * check counts against them without loading the asset's renderer.
 */
export const RSA_LIMITS = {
  headlines: { min: 3, max: 15 },
  headline: { max: 30 },
  descriptions: { min: 2, max: 4 },
  description: { max: 90 },
  path: { max: 15 },
} as const;
