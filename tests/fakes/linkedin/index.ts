export { fetchTimingOutOnHang } from '../loopback.js';
export { dailyLimit, liError } from './errors.js';
export { DEFAULT_TOKEN, type FakeLinkedIn, type FakeLinkedInOptions, startFakeLinkedIn } from './server.js';
export type { FakeAdAccount } from './state.js';
