export { LinkedInAdsConfig } from './config.js';
export { linkedinAdsPublisher } from './publisher.js';
