import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ghostPublisher } from '../../actions/engine/publishers/ghost/index.js';
import { mailchimpPublisher } from '../../actions/engine/publishers/mailchimp/index.js';
import { smtpPublisher } from '../../actions/engine/publishers/smtp/index.js';
import { staticSitePublisher } from '../../actions/engine/publishers/static-site/index.js';
import { wordPressPublisher } from '../../actions/engine/publishers/wordpress/index.js';

/** `publishing.<channel>` as a team writes it in .github/crescendo.yml. */
const settings = (yaml: string): unknown => parse(yaml);

describe('publisher settings (publishing.<channel>)', () => {
  it('read what a team writes and fill the defaults', () => {
    expect(
      staticSitePublisher.configSchema.parse(settings('publisher: static-site\nformat: jekyll\ndir: site\n')),
    ).toMatchObject({
      format: 'jekyll',
      dir: 'site',
      branch: 'main',
      layout: 'post',
      categories: [],
      timeoutSeconds: 30,
    });
    expect(
      wordPressPublisher.configSchema.parse(settings('url: https://blog.acme.com\ncategories: [3]\n')),
    ).toMatchObject({ categories: [3], tags: [] });
    expect(ghostPublisher.configSchema.parse(settings('publisher: ghost\n'))).toMatchObject({
      acceptVersion: 'v5.0',
      permalink: '/:slug/',
    });
    expect(
      smtpPublisher.configSchema.parse(
        settings(
          'from: Acme <news@acme.com>\nto: [a@acme.com, b@acme.com]\nunsubscribeUrl: https://acme.com/u?e={email}\n',
        ),
      ),
    ).toMatchObject({ sentLog: 'campaigns/{campaign}/email-sent.yml', to: ['a@acme.com', 'b@acme.com'] });
    expect(
      mailchimpPublisher.configSchema.parse(settings('listId: abc123\nreplyTo: hi@acme.com\n')),
    ).toMatchObject({ listId: 'abc123' });
  });

  it('refuse typos and wrong values instead of ignoring them', () => {
    expect(staticSitePublisher.configSchema.safeParse({ format: 'gatsby' }).success).toBe(false);
    expect(
      staticSitePublisher.configSchema.safeParse({ format: 'hugo', base_url: 'https://x.test' }).success,
    ).toBe(false);
    expect(wordPressPublisher.configSchema.safeParse({ publisher: 'ghost' }).success).toBe(false);
    expect(ghostPublisher.configSchema.safeParse({ acceptVersion: 'v5.x' }).success).toBe(false);
    expect(
      smtpPublisher.configSchema.safeParse({
        from: 'a@b.c',
        to: 'd@e.f',
        unsubscribeUrl: 'http://insecure.test/u',
      }).success,
    ).toBe(false);
    expect(
      mailchimpPublisher.configSchema.safeParse({ listId: 'x', replyTo: 'not-an-address' }).success,
    ).toBe(false);
  });

  it('each publisher names its channel, asset types, secrets and base-URL variable', () => {
    const all = [staticSitePublisher, wordPressPublisher, ghostPublisher, smtpPublisher, mailchimpPublisher];
    expect(all.map((p) => [p.id, p.channel, p.baseUrlEnv])).toEqual([
      ['static-site', 'blog', 'CRESCENDO_SITE_GITHUB_API_URL'],
      ['wordpress', 'blog', 'CRESCENDO_WORDPRESS_URL'],
      ['ghost', 'blog', 'CRESCENDO_GHOST_URL'],
      ['smtp', 'email', 'CRESCENDO_SMTP_URL'],
      ['mailchimp', 'email', 'CRESCENDO_MAILCHIMP_API_URL'],
    ]);
    for (const publisher of all) {
      expect(publisher.secrets.length).toBeGreaterThan(0);
      for (const secret of publisher.secrets) expect(secret.name).toMatch(/^CRESCENDO_[A-Z_]+$/);
    }
  });
});
