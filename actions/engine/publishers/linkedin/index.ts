export { LinkedInConfig } from './config.js';
export { linkedinPublisher } from './publisher.js';
