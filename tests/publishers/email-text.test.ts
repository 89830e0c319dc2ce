import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../actions/engine/publishers/email-text.js';
import { emailItem } from './items.js';

describe('plain-text alternative from email HTML', () => {
  it('keeps the words and the tracked links of the rendered email, not the hidden preheader', () => {
    const text = htmlToText(emailItem(1).html ?? '');
    expect(text).toContain('Hi there,');
    expect(text).toMatch(
      /research stage \(https:\/\/crescendo\.dev\/docs\/research\?utm_source=[^)]+\) start\./,
    );
    expect(text).toContain('Open your first issue (https://crescendo.dev/start?');
    expect(text).toContain('1 Main Street, Springfield');
    expect(text).not.toContain('Your first campaign is one issue away');
    expect(text).not.toMatch(/[\u034f\u200c]/);
    expect(text).not.toContain('<');
  });

  it('lists, line breaks, entities and links whose label is the URL', () => {
    const html =
      '<body><ul><li>One &amp; two</li><li>Three</li></ul><p>A<br>B &#8212; &#x2713; &unknown;</p><a href="https://x.test/?a=1&amp;b=2">https://x.test/?a=1&amp;b=2</a> <a href="#top">Top</a></body>';
    expect(htmlToText(html)).toBe(
      '- One & two\n- Three\n\nA\nB — ✓ &unknown;\n\nhttps://x.test/?a=1&b=2 Top\n',
    );
  });

  it('decodes each entity once', () => {
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });
});
