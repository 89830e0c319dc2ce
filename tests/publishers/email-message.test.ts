import { describe, expect, it } from 'vitest';
import { outgoingEmail, withUnsubscribe } from '../../actions/engine/publishers/email-message.js';
import { emailSequence } from '../assets/fixtures.js';
import { emailItem } from './items.js';

describe('the email an entry sends', () => {
  it('takes subject and preheader of email n, with the variant’s changes', () => {
    expect(outgoingEmail(emailItem(2)).email).toMatchObject({
      number: 2,
      count: 2,
      subject: 'Your strategy pull request is ready',
      sequenceName: 'Trial onboarding',
    });
    const data = {
      ...emailSequence(),
      variants: [{ variantId: 'b', changes: [{ email: 2, subject: 'Ready for review' }] }],
    };
    const b = outgoingEmail(emailItem(2, { data, variant: 'b' })).email;
    expect(b?.subject).toBe('Ready for review');
    expect(b?.preheader).toBe('Merge it to approve the plan, or comment to ask for a revision.');
  });

  it('a one-email sequence needs no emailNumber; a longer one does', () => {
    const single = { ...emailSequence(), emails: emailSequence().emails.slice(0, 1) };
    expect(outgoingEmail(emailItem(1, { data: single, emailNumber: undefined })).email?.number).toBe(1);
    expect(outgoingEmail(emailItem(1, { emailNumber: undefined })).problems[0]?.message).toMatch(/2 emails/);
    expect(outgoingEmail(emailItem(1, { emailNumber: 5 })).problems[0]?.message).toMatch(
      /email 5 does not exist/,
    );
    expect(outgoingEmail(emailItem(1, { data: { name: 'x' } })).problems[0]?.message).toMatch(
      /no valid email sequence/,
    );
    expect(outgoingEmail(emailItem(1, { html: undefined })).problems[0]?.message).toMatch(/no HTML/);
  });

  it('fills the unsubscribe link as an attribute value', () => {
    expect(withUnsubscribe('<a href="{{unsubscribe_url}}">x</a>', 'https://u.test/?a=1&b="2"')).toBe(
      '<a href="https://u.test/?a=1&amp;b=&quot;2&quot;">x</a>',
    );
  });
});
