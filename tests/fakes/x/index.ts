export { fetchTimingOutOnHang } from '../loopback.js';
export { duplicate, invalidRequest, tooManyRequests, unauthorized } from './errors.js';
export { DEFAULT_X_TOKEN, type FakeX, type FakeXOptions, startFakeX } from './server.js';
