import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailchimpPublisher as publisher } from '../../../actions/engine/publishers/mailchimp/index.js';
import { scheduleTime } from '../../../actions/engine/publishers/mailchimp/schedule-time.js';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import { type FakeMailchimp, startFakeMailchimp } from '../../fakes/mailchimp/index.js';
import { contextFor, emailItem, losingAnswer, serialized } from '../items.js';

const NOW = '2026-03-09T12:00:00Z';
let fake: FakeMailchimp;

const ctx = (
  env: Record<string, string | undefined> = {},
  options: { fetch?: typeof fetch; listId?: string } = {},
) =>
  contextFor(
    publisher.configSchema.parse({ listId: options.listId ?? 'a1b2c3d4e5', replyTo: 'hello@crescendo.dev' }),
    { CRESCENDO_MAILCHIMP_API_KEY: fake.apiKey, CRESCENDO_MAILCHIMP_API_URL: fake.url, ...env },
    { now: NOW, fetch: options.fetch },
  );
const schedules = () => fake.requests.filter((r) => r.path.endsWith('/actions/schedule')).length;

async function rejection(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

beforeEach(async () => {
  fake = await startFakeMailchimp({ lists: { a1b2c3d4e5: 'Trial users' }, now: () => new Date(NOW) });
});
afterEach(async () => {
  await fake.close();
});

describe('Mailchimp schedule time', () => {
  it('rounds up to the next quarter hour in UTC, and never into the past', () => {
    const now = new Date(NOW);
    expect(scheduleTime('2026-03-10T09:00:00+01:00', now).toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(scheduleTime('2026-03-10T09:00:01+01:00', now).toISOString()).toBe('2026-03-10T08:15:00.000Z');
    expect(scheduleTime('2026-03-10T08:44:59Z', now).toISOString()).toBe('2026-03-10T08:45:00.000Z');
    expect(scheduleTime('2026-03-01T08:00:00Z', now).toISOString()).toBe('2026-03-09T12:15:00.000Z');
    expect(scheduleTime('2026-03-09T12:09:00Z', now).toISOString()).toBe('2026-03-09T12:15:00.000Z');
  });
});

describe('Mailchimp publisher', () => {
  it('creates, fills and schedules one regular campaign for the email, the key in its title', async () => {
    const published = await publisher.publish(emailItem(1), ctx());
    const [campaign] = fake.campaigns;
    expect(campaign).toMatchObject({
      type: 'regular',
      status: 'schedule',
      send_time: '2026-03-10T08:00:00+00:00',
      recipients: { list_id: 'a1b2c3d4e5' },
      settings: {
        subject_line: 'Welcome to Crescendo',
        preview_text: 'Your first campaign is one issue away: here is how to open it.',
        title: 'Trial onboarding: email 1 of 2 [crescendo:q2-launch/email/trial-onboarding/a/email-1]',
        from_name: 'Crescendo',
        reply_to: 'hello@crescendo.dev',
      },
    });
    expect(campaign?.html).toContain('href="*|UNSUB|*"');
    expect(campaign?.html).toContain('1 Main Street, Springfield');
    expect(campaign?.html).not.toContain('{{unsubscribe_url}}');
    expect(published).toMatchObject({
      remoteId: campaign?.id,
      url: campaign?.long_archive_url,
      note: expect.stringMatching(/scheduled in Mailchimp/),
    });
    expect(fake.requests.find((r) => r.method === 'POST')?.headers.authorization).toBe(
      `Basic ${Buffer.from(`crescendo:${fake.apiKey}`).toString('base64')}`,
    );
  });

  it('a sequence becomes one campaign per email, each at its own time with its own key; off-quarter times are rounded up and said so', async () => {
    const second = emailItem(2, { publishAt: '2026-03-13T09:07:00+01:00' });
    const context = ctx();
    expect(await publisher.validate(second, context)).toEqual([]);
    expect(context.lines.join()).toMatch(/rounded up/);
    await publisher.publish(emailItem(1), ctx());
    const published = await publisher.publish(second, ctx());
    expect(fake.campaigns.map((c) => [c.settings.subject_line, c.send_time])).toEqual([
      ['Welcome to Crescendo', '2026-03-10T08:00:00+00:00'],
      ['Your strategy pull request is ready', '2026-03-13T08:15:00+00:00'],
    ]);
    expect(published.note).toMatch(/quarter hour/);
  });

  it('find pages through the audience campaigns and recognises the key; a second publish is a duplicate', async () => {
    expect(await publisher.find(emailItem(1), ctx())).toBeUndefined();
    await publisher.publish(emailItem(1), ctx());
    expect(await publisher.find(emailItem(1), ctx())).toMatchObject({
      remoteId: fake.campaigns[0]?.id,
      note: expect.stringMatching(/^schedule in Mailchimp/),
    });
    expect(await publisher.find(emailItem(2), ctx())).toBeUndefined();
    expect((await rejection(publisher.publish(emailItem(1), ctx()))).code).toBe('duplicate');
    expect(fake.campaigns).toHaveLength(1);
  });

  it('a failure before scheduling leaves a draft that the next run reuses, never a second campaign', async () => {
    fake.failNext({
      method: 'PUT',
      status: 500,
      body: { title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred.' },
    });
    expect((await rejection(publisher.publish(emailItem(1), ctx()))).code).toBe('unavailable');
    expect(fake.campaigns[0]?.status).toBe('save');
    expect(await publisher.find(emailItem(1), ctx())).toBeUndefined();
    const losing = losingAnswer((method, url) => method === 'PUT' && url.endsWith('/content'));
    expect((await rejection(publisher.publish(emailItem(1), ctx({}, { fetch: losing })))).code).toBe(
      'unavailable',
    );
    await publisher.publish(emailItem(1), ctx());
    expect(fake.campaigns).toHaveLength(1);
    expect(fake.campaigns[0]?.status).toBe('schedule');
  });

  it('an answer lost after the schedule call is an unknown outcome, and find then recognises the campaign', async () => {
    fake.failNext({ method: 'POST', path: /\/actions\/schedule$/, cut: 'after' });
    expect((await rejection(publisher.publish(emailItem(1), ctx()))).code).toBe('unknown-outcome');
    expect(await publisher.find(emailItem(1), ctx())).toMatchObject({ remoteId: fake.campaigns[0]?.id });
    const losing = losingAnswer(
      (method, url) => method === 'POST' && url.endsWith('/actions/schedule'),
      'timeout',
    );
    expect((await rejection(publisher.publish(emailItem(2), ctx({}, { fetch: losing })))).code).toBe(
      'unknown-outcome',
    );
    expect(await publisher.find(emailItem(2), ctx())).toBeDefined();
    fake.failNext({
      method: 'POST',
      path: /\/actions\/schedule$/,
      status: 503,
      body: { title: 'Service Unavailable', status: 503, detail: 'Try again later.' },
    });
    const third = emailItem(1, { key: 'another-key' });
    expect((await rejection(publisher.publish(third, ctx()))).code).toBe('unknown-outcome');
    expect(schedules()).toBe(3);
  });

  it('a refused API key is an auth failure with the fix, never echoing the key', async () => {
    const wrong = 'ffffffffffffffffffffffffffffffff-us21';
    const error = await rejection(
      publisher.publish(emailItem(1), ctx({ CRESCENDO_MAILCHIMP_API_KEY: wrong })),
    );
    expect(error).toMatchObject({ code: 'auth', status: 401 });
    expect(error.message).toMatch(/API Key Invalid/);
    expect(error.fix).toMatch(/API keys/);
    expect(serialized([error.message, error.fix, error.where])).not.toContain('ffffffff');
    expect(
      (await rejection(publisher.publish(emailItem(1), ctx({ CRESCENDO_MAILCHIMP_API_KEY: undefined }))))
        .code,
    ).toBe('missing-credentials');
    const noCenter = await rejection(
      publisher.publish(
        emailItem(1),
        ctx({ CRESCENDO_MAILCHIMP_API_KEY: 'abc', CRESCENDO_MAILCHIMP_API_URL: undefined }),
      ),
    );
    expect(noCenter.code).toBe('auth');
    expect(await publisher.check(ctx({ CRESCENDO_MAILCHIMP_API_KEY: wrong }))).toMatchObject({ ok: false });
  });

  it('429 and a bare 403 are rate limits; nothing is scheduled', async () => {
    fake.failNext({
      status: 429,
      body: {
        title: 'Too Many Requests',
        status: 429,
        detail: 'You have exceeded the limit of 10 simultaneous connections.',
      },
    });
    expect((await rejection(publisher.publish(emailItem(1), ctx()))).code).toBe('rate-limited');
    fake.failNext({ method: 'POST', status: 403 });
    expect((await rejection(publisher.publish(emailItem(1), ctx()))).code).toBe('rate-limited');
    expect(schedules()).toBe(0);
  });

  it('a refused schedule reports the send checklist', async () => {
    fake.failNext({
      method: 'POST',
      path: /\/actions\/schedule$/,
      status: 400,
      body: { title: 'Bad Request', status: 400, detail: 'Your Campaign is not ready to send.' },
    });
    fake.failNext({
      method: 'GET',
      path: /\/send-checklist$/,
      status: 200,
      body: {
        is_ready: false,
        items: [
          { type: 'error', id: 4, heading: 'Footer', details: 'Your audience has no physical address.' },
        ],
      },
    });
    const error = await rejection(publisher.publish(emailItem(1), ctx()));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('Footer: Your audience has no physical address.');
  });

  it('validate refuses an unknown audience and a whole sequence sent as one entry', async () => {
    expect((await publisher.validate(emailItem(1), ctx({}, { listId: 'nope' })))[0]?.where).toBe(
      'publishing.email.listId',
    );
    expect((await publisher.validate(emailItem(1, { emailNumber: undefined }), ctx()))[0]?.message).toMatch(
      /one ledger entry per email/,
    );
    expect((await publisher.validate(emailItem(1, { type: 'blog-post' }), ctx()))[0]?.message).toMatch(
      /cannot be sent as email/,
    );
    expect(fake.campaigns).toHaveLength(0);
  });

  it('plan lists lookup, create, content and schedule with the key redacted', async () => {
    const requests = await publisher.plan(emailItem(1), ctx());
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /3.0/campaigns',
      'POST /3.0/campaigns',
      'PUT /3.0/campaigns/%7Bcampaign_id%7D/content',
      'POST /3.0/campaigns/%7Bcampaign_id%7D/actions/schedule',
    ]);
    expect(requests[3]?.body).toEqual({ schedule_time: '2026-03-10T08:00:00+00:00' });
    const text = serialized(requests);
    expect(text).not.toContain(fake.apiKey);
    expect(text).not.toContain(Buffer.from(`crescendo:${fake.apiKey}`).toString('base64'));
    expect(fake.requests).toHaveLength(0);
  });

  it('check pings the API and reads the audience', async () => {
    expect(await publisher.check(ctx())).toMatchObject({
      ok: true,
      what: expect.stringContaining('Trial users'),
    });
    expect(await publisher.check(ctx({ CRESCENDO_MAILCHIMP_API_KEY: undefined }))).toMatchObject({
      ok: false,
    });
  });
});
