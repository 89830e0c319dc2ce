export { XConfig } from './config.js';
export { xPublisher } from './publisher.js';
