import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PublishError } from '../../../actions/engine/publishers/publisher.js';
import { smtpPublisher as publisher } from '../../../actions/engine/publishers/smtp/index.js';
import { sendFailure } from '../../../actions/engine/publishers/smtp/transport.js';
import { type MailCatcher, startMailCatcher } from '../../fakes/smtp/index.js';
import { contextFor, emailItem, serialized } from '../items.js';
import { parseEml } from './eml.js';

let root: string;
let catcher: MailCatcher;
const PASSWORD = 's3cret-pass';
const LOG = 'campaigns/q2-launch/email-sent.yml';

const config = (overrides: Record<string, unknown> = {}) =>
  publisher.configSchema.parse({
    from: 'Crescendo <news@crescendo.dev>',
    to: 'trial-users@lists.crescendo.dev',
    unsubscribeUrl: 'https://crescendo.dev/unsubscribe?email={email}',
    ...overrides,
  });
const ctx = (overrides: Record<string, unknown> = {}, url?: string) =>
  contextFor(config(overrides), { CRESCENDO_SMTP_URL: url ?? catcher.url }, { root });

async function rejection(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'smtp-publisher-'));
  catcher = await startMailCatcher({ dir: join(root, 'outbox'), users: { crescendo: PASSWORD } });
});
afterEach(async () => {
  await catcher.close();
  await rm(root, { recursive: true, force: true });
});

describe('SMTP publisher', () => {
  it('sends the approved email with one-click unsubscribe, the postal address, a text part and a keyed Message-ID', async () => {
    const published = await publisher.publish(emailItem(1), ctx());
    expect(catcher.messages).toHaveLength(1);
    const [message] = catcher.messages;
    expect(message?.envelope).toEqual({
      from: 'news@crescendo.dev',
      to: ['trial-users@lists.crescendo.dev'],
    });
    expect(message?.file).toMatch(/outbox\/001-trial-users@lists\.crescendo\.dev\.eml$/);
    const eml = parseEml(await readFile(message?.file ?? '', 'utf8'));
    const unsubscribe = 'https://crescendo.dev/unsubscribe?email=trial-users%40lists.crescendo.dev';
    expect(eml.headers).toMatchObject({
      from: 'Crescendo <news@crescendo.dev>',
      to: 'trial-users@lists.crescendo.dev',
      subject: 'Welcome to Crescendo',
      'list-unsubscribe': `<${unsubscribe}>`,
      'list-unsubscribe-post': 'List-Unsubscribe=One-Click',
    });
    expect(eml.headers['message-id']).toMatch(
      /^<crescendo\.q2-launch=2Femail=2Ftrial-onboarding=2Fa=2Femail-1\.[0-9a-f]{12}@crescendo\.dev>$/,
    );
    expect(eml.headers['content-type']).toMatch(/multipart\/alternative/);
    const text = eml.parts.find((p) => p.contentType.startsWith('text/plain'))?.text ?? '';
    const html = eml.parts.find((p) => p.contentType.startsWith('text/html'))?.text ?? '';
    expect(html).toContain('1 Main Street, Springfield');
    expect(html).toContain(`href="${unsubscribe}"`);
    expect(html).not.toContain('{{unsubscribe_url}}');
    expect(text).toContain('1 Main Street, Springfield');
    expect(text).toContain(`Unsubscribe (${unsubscribe})`);
    expect(text).toContain('Open your first issue (https://crescendo.dev/start?utm_source=');
    expect(published).toEqual({
      remoteId: eml.headers['message-id'],
      at: '2026-03-09T12:00:00.000Z',
      note: expect.stringContaining('1 message accepted'),
    });
    expect(await readFile(join(root, LOG), 'utf8')).toContain('status: sent');
  });

  it('sends one message per listed address, each with its own unsubscribe link and To', async () => {
    const to = ['ada@example.com', 'Grace Hopper <grace@example.com>'];
    const published = await publisher.publish(emailItem(2), ctx({ to }));
    expect(catcher.messages.map((m) => m.envelope.to)).toEqual([['ada@example.com'], ['grace@example.com']]);
    const second = parseEml(catcher.messages[1]?.raw ?? '');
    expect(second.headers.to).toBe('Grace Hopper <grace@example.com>');
    expect(second.headers.subject).toBe('Your strategy pull request is ready');
    expect(second.headers['list-unsubscribe']).toContain('email=grace%40example.com');
    expect(published.remoteId.split(',')).toHaveLength(2);
  });

  it('find reads the sent log; publishing again is refused as a duplicate and sends nothing', async () => {
    expect(await publisher.find(emailItem(1), ctx())).toBeUndefined();
    await publisher.publish(emailItem(1), ctx());
    expect(await publisher.find(emailItem(1), ctx())).toMatchObject({
      remoteId: expect.stringMatching(/^<crescendo\./),
    });
    expect((await rejection(publisher.publish(emailItem(1), ctx()))).code).toBe('duplicate');
    expect(catcher.messages).toHaveLength(1);
  });

  it('a connection cut after the server stored the message is an unknown outcome; nothing is sent again', async () => {
    catcher.failNext({ at: 'data', cut: 'after-store' });
    const error = await rejection(publisher.publish(emailItem(1), ctx()));
    expect(error.code).toBe('unknown-outcome');
    expect(error.fix).toMatch(/Message-ID/);
    expect(catcher.messages).toHaveLength(1);
    expect(await readFile(join(root, LOG), 'utf8')).toContain('status: sending');
    // Honest: the log cannot prove delivery, so find does not claim it, and publish refuses to resend.
    expect(await publisher.find(emailItem(1), ctx())).toBeUndefined();
    expect((await rejection(publisher.publish(emailItem(1), ctx()))).code).toBe('unknown-outcome');
    expect(catcher.messages).toHaveLength(1);
    // A person finds the message in the mailbox and marks it sent: find now records it.
    const log = await readFile(join(root, LOG), 'utf8');
    await writeFile(join(root, LOG), log.replace('status: sending', 'status: sent'));
    expect(await publisher.find(emailItem(1), ctx())).toBeDefined();
  });

  it('a timeout while the message is in flight is also an unknown outcome', () => {
    const timeout = Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT', command: 'CONN' });
    expect(sendFailure(timeout, 'SMTP').code).toBe('unknown-outcome');
    const refused = Object.assign(new Error('Message failed'), {
      code: 'EMESSAGE',
      responseCode: 554,
      response: '554 5.7.1 Rejected',
    });
    expect(sendFailure(refused, 'SMTP').code).toBe('invalid');
  });

  it('a wrong password is an auth failure and sends nothing; a missing URL is missing credentials', async () => {
    const wrong = catcher.url.replace(PASSWORD, 'not-the-password');
    const error = await rejection(publisher.publish(emailItem(1), ctx({}, wrong)));
    expect(error.code).toBe('auth');
    expect(serialized([error.message, error.fix, error.where])).not.toContain('not-the-password');
    expect(catcher.messages).toHaveLength(0);
    expect(await publisher.check(ctx({}, wrong))).toMatchObject({ ok: false });
    const missing = contextFor(config(), {}, { root });
    expect((await rejection(publisher.publish(emailItem(1), missing))).code).toBe('missing-credentials');
  });

  it('a temporary 4xx refusal is rate-limited and leaves no trace; a 5xx is invalid', async () => {
    catcher.failNext({ at: 'rcpt', code: 452, message: '4.5.3 Too many recipients, try later' });
    expect((await rejection(publisher.publish(emailItem(1), ctx()))).code).toBe('rate-limited');
    catcher.failNext({ at: 'data', code: 554, message: '5.7.1 Message rejected as spam' });
    const spam = await rejection(publisher.publish(emailItem(1), ctx()));
    expect(spam.code).toBe('invalid');
    expect(spam.message).toContain('Message rejected as spam');
    expect(await readFile(join(root, LOG), 'utf8')).not.toContain('q2-launch/email');
    await publisher.publish(emailItem(1), ctx());
    expect(catcher.messages).toHaveLength(1);
  });

  it('validate refuses a whole sequence as one entry, a missing postal address and bad addresses', async () => {
    const whole = await publisher.validate(emailItem(1, { emailNumber: undefined }), ctx());
    expect(whole[0]?.message).toMatch(/one ledger entry per email/);
    const noAddress = await publisher.validate(
      emailItem(1, { brand: { name: 'Crescendo' } }),
      ctx({ from: 'not an address' }),
    );
    expect(noAddress.map((p) => p.where)).toEqual(['publishing.email.from', 'brand.yml: postalAddress']);
    expect(await publisher.validate(emailItem(1, { html: '<p>no link</p>' }), ctx())).toHaveLength(1);
    expect(await publisher.validate(emailItem(1), ctx())).toEqual([]);
    expect(catcher.messages).toHaveLength(0);
  });

  it('plan shows each message with headers and bodies, without the SMTP password', async () => {
    const [request] = await publisher.plan(emailItem(1), ctx());
    expect(request).toMatchObject({
      method: 'SMTP',
      url: `smtp://127.0.0.1:${catcher.port}`,
      headers: { Subject: 'Welcome to Crescendo', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    expect(serialized(request)).not.toContain(PASSWORD);
    expect(catcher.messages).toHaveLength(0);
  });

  it('check logs in and sends nothing', async () => {
    expect(await publisher.check(ctx())).toMatchObject({
      ok: true,
      what: expect.stringContaining('as crescendo'),
    });
    expect(await publisher.check(contextFor(config(), {}, { root }))).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/CRESCENDO_SMTP_URL/),
    });
    expect(catcher.messages).toHaveLength(0);
  });
});
