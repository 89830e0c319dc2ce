/**
 * The limits of a LinkedIn ad, in a module of their own: the brief's asset requests check counts against them
 * without loading the asset's renderer.
 */
export const LINKEDIN_AD_LIMITS = {
  introText: { max: 600, recommendedMax: 150 },
  headline: { max: 200, recommendedMax: 70 },
  description: { max: 300, recommendedMax: 100 },
  destinationUrl: 2000,
} as const;
