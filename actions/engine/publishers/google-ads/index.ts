export { GoogleAdsConfig } from './config.js';
export { googleAdsPublisher } from './publisher.js';
