export { fetchTimingOutOnHang } from '../loopback.js';
export { quotaExhausted } from './errors.js';
export {
  DEFAULT_GOOGLE_TOKEN,
  type FakeGoogleAds,
  type FakeGoogleAdsOptions,
  startFakeGoogleAds,
} from './server.js';
