import { describe, expect, it } from 'vitest';
import { checkAsset, renderAsset } from '../../actions/engine/assets/index.js';
import { brand, chars, context, emailSequence, errors, text, warnings } from './fixtures.js';

const ctx = context('email-sequence', { channel: 'email' });
const check = (data: unknown) => checkAsset('email-sequence', data, ctx);

describe('email-sequence checks', () => {
  it('accepts a valid sequence', () => {
    expect(check(emailSequence())).toEqual([]);
  });

  it('warns (does not block) when a subject is over 60 characters', () => {
    const sequence = emailSequence();
    sequence.emails[0]!.subject = chars(60);
    expect(check(sequence)).toEqual([]);
    sequence.emails[0]!.subject = chars(61);
    expect(check(sequence)).toEqual([
      {
        where: 'emails[0].subject',
        message: 'email 1 subject is 61 characters; the recommended maximum is 60',
        severity: 'warning',
      },
    ]);
  });

  it('warns when a preheader is outside 40–100 characters or repeats the subject', () => {
    const sequence = emailSequence();
    sequence.emails[1]!.preheader = text(39);
    expect(warnings(check(sequence))[0]?.message).toBe(
      'email 2 preheader is 39 characters; the recommended minimum is 40',
    );
    sequence.emails[1]!.preheader = text(101);
    expect(warnings(check(sequence))[0]?.message).toBe(
      'email 2 preheader is 101 characters; the recommended maximum is 100',
    );
    sequence.emails[1]!.preheader = sequence.emails[1]!.subject;
    expect(warnings(check(sequence)).map((p) => p.where)).toContain('emails[1].preheader');
  });

  it('refuses send days that go backwards or below 0', () => {
    const sequence = emailSequence();
    sequence.emails[0]!.sendOffsetDays = 4;
    sequence.emails[1]!.sendOffsetDays = 2;
    expect(errors(check(sequence))).toEqual([
      {
        where: 'emails[1].sendOffsetDays',
        message: 'email 2 is sent on day 2, before email 1 (day 4); list emails in send order',
        severity: 'error',
      },
    ]);
    sequence.emails[0]!.sendOffsetDays = -1;
    expect(errors(check(sequence))[0]?.message).toBe('email 1 is sent on day -1; days run from 0 to 365');
  });

  it('refuses an empty sequence and a relative button URL', () => {
    expect(errors(check({ ...emailSequence(), emails: [] }))[0]?.message).toBe(
      'the sequence has no email; at least 1 is required',
    );
    const sequence = emailSequence();
    sequence.emails[0]!.cta.url = 'start';
    expect(errors(check(sequence))[0]?.where).toBe('emails[0].cta.url');
  });

  it('refuses a variant of an email that does not exist', () => {
    const sequence = {
      ...emailSequence(),
      variants: [{ variantId: 'b', changes: [{ email: 3, subject: 'Hi' }] }],
    };
    expect(errors(check(sequence))[0]?.message).toBe('variant b changes email 3, but the sequence has 2');
  });

  it('warns when brand.yml has no postal address', () => {
    const { postalAddress: _, ...noAddress } = brand;
    const problems = checkAsset('email-sequence', emailSequence(), { ...ctx, brand: noAddress });
    expect(warnings(problems)[0]?.message).toMatch(/postalAddress/);
  });
});

describe('email-sequence HTML', () => {
  const hostile = () => {
    const sequence = emailSequence();
    sequence.emails[0]!.subject = 'Save <b>50%</b> & more';
    sequence.emails[0]!.preheader = 'Preview "quoted" <script>alert(1)</script> text for the inbox';
    sequence.emails[0]!.body =
      'Hello <img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) and [docs](https://crescendo.dev/docs?a=1&b=2)\n\n<script>alert(2)</script>';
    sequence.emails[0]!.cta = { label: 'Go <now>', url: 'https://crescendo.dev/start' };
    return sequence;
  };

  it('renders one table-based, 600px email per message, with a hidden preheader', () => {
    const { extra } = renderAsset('email-sequence', emailSequence(), ctx);
    expect(extra.map((e) => e.pathSuffix)).toEqual(['-email-1.html', '-email-2.html']);
    const html = extra[0]!.content;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('role="presentation"');
    expect(html).toContain('max-width:600px');
    expect(html).toMatch(
      /<span class="preheader" style="display:none;[^"]*">Your first campaign is one issue away/,
    );
    expect(html).not.toMatch(/<link |<div /);
    // Every paragraph carries its own style: mail clients drop <style> blocks.
    expect(html).toMatch(/<p style="[^"]+">Hi there,<\/p>/);
  });

  it('escapes everything the model wrote and drops unsafe links', () => {
    const html = renderAsset('email-sequence', hostile(), ctx).extra[0]!.content;
    expect(html).toContain('<title>Save &lt;b&gt;50%&lt;/b&gt; &amp; more</title>');
    expect(html).toContain('Preview &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt; text');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('>Go &lt;now&gt;</a>');
  });

  it('tags every web link with UTM parameters of the email and the variant', () => {
    const html = renderAsset('email-sequence', hostile(), ctx).extra[0]!.content;
    expect(html).toContain(
      'href="https://crescendo.dev/docs?a=1&amp;b=2&amp;utm_source=email&amp;utm_medium=email&amp;utm_campaign=q2-launch&amp;utm_content=trial-onboarding-email-1-a"',
    );
    expect(html).toContain('href="{{unsubscribe_url}}"');
  });

  it('renders a separate file for each variant of an email', () => {
    const sequence = {
      ...emailSequence(),
      variants: [{ variantId: 'b', changes: [{ email: 2, subject: 'Ready for review: your strategy' }] }],
    };
    const { extra } = renderAsset('email-sequence', sequence, ctx);
    expect(extra.map((e) => e.pathSuffix)).toEqual(['-email-1.html', '-email-2.html', '-email-2-b.html']);
    expect(extra[2]!.content).toContain('<title>Ready for review: your strategy</title>');
    expect(extra[2]!.content).toContain('utm_content=trial-onboarding-email-2-b');
  });
});
