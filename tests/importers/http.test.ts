import { describe, expect, it } from 'vitest';
import { ga4Api } from '../../actions/engine/importers/ga4/api.js';
import { scrub } from '../../actions/engine/importers/http.js';
import { importError, pullAll, pullContext, said } from './helpers.js';

describe('API calls', () => {
  it('names an unreachable service without quoting the credential', async () => {
    const ctx = pullContext({
      CRESCENDO_GA4_API_URL: 'http://127.0.0.1:9',
      CRESCENDO_GA4_ACCESS_TOKEN: 'ya29.never-shown',
    });
    const error = await importError(pullAll(ga4Api.pull({ importer: 'ga4', property: '1' }, ctx)));
    expect(error.code).toBe('server');
    expect(error.message).toContain('could not reach the Google Analytics Data API');
    expect(said(error)).not.toContain('never-shown');
  });

  it('blanks out secrets, also URL-encoded, from anything quoted back', () => {
    expect(scrub('token a/b+c=d and a%2Fb%2Bc%3Dd', ['a/b+c=d'])).toBe('token [redacted] and [redacted]');
  });
});
