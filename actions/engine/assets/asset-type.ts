import { z } from 'zod';

/** Every kind of asset the content stage can write. */
export const AssetType = z.enum([
  'blog-post',
  'landing-page',
  'email-sequence',
  'social-post',
  'google-rsa',
  'linkedin-ad',
  'lead-magnet',
]);
export type AssetType = z.infer<typeof AssetType>;
