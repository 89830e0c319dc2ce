import type { AssetContext } from '../shared/context.js';
import { escapeHtml } from '../shared/html.js';
import { markdownToHtml } from '../shared/markdown-html.js';
import type { FormField, LandingPage } from './schema.js';

/*
 * A static, dependency-free landing page: one file with its CSS inline, so it can be dropped on any host.
 * Every text is escaped. The form has no action (the site wires it to its form handler by
 * `data-crescendo-form`), and carries the variant and the visit's UTM parameters as hidden fields, so a
 * sign-up can be credited to its source.
 */

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2937;line-height:1.6;background:#fff}
.wrap{max-width:960px;margin:0 auto;padding:0 20px}
.hero{background:#eff6ff;padding:72px 0 56px;text-align:center}
.hero h1{font-size:clamp(2rem,5vw,3rem);line-height:1.15;margin:0 0 16px}
.hero p{font-size:1.25rem;margin:0 auto 28px;max-width:640px;color:#374151}
.button{display:inline-block;background:#1d4ed8;color:#fff;padding:14px 28px;border-radius:8px;font-weight:700;text-decoration:none;border:0;font-size:1rem;cursor:pointer}
.button:hover,.button:focus{background:#1e40af}
section{padding:56px 0}
h2{font-size:1.75rem;margin:0 0 24px;text-align:center}
.benefits{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:24px}
.benefit h3{margin:0 0 8px;font-size:1.15rem}
.stats{display:flex;flex-wrap:wrap;gap:24px;justify-content:center;margin-bottom:32px}
.stat{text-align:center;min-width:180px}
.stat strong{display:block;font-size:2.25rem;color:#1d4ed8}
.stat small{color:#6b7280}
blockquote{margin:0 auto 24px;max-width:640px;padding:16px 24px;border-left:4px solid #bfdbfe;background:#f9fafb}
blockquote footer{margin-top:8px;color:#4b5563;font-size:.95rem}
form{max-width:480px;margin:0 auto;display:grid;gap:16px}
label{display:grid;gap:6px;font-weight:600}
label.check{display:flex;gap:8px;align-items:center;font-weight:400}
input,select,textarea{font:inherit;padding:10px 12px;border:1px solid #d1d5db;border-radius:6px}
`;

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term'] as const;

function renderField(field: FormField): string {
  const id = `field-${field.name}`;
  const name = escapeHtml(field.name);
  const required = field.required ? ' required' : '';
  const label = escapeHtml(field.label);
  switch (field.type) {
    case 'select': {
      const options = (field.options ?? []).map((o) => `<option>${escapeHtml(o)}</option>`).join('');
      return `<label for="${id}">${label}<select id="${id}" name="${name}"${required}><option value=""></option>${options}</select></label>`;
    }
    case 'textarea':
      return `<label for="${id}">${label}<textarea id="${id}" name="${name}" rows="4"${required}></textarea></label>`;
    case 'checkbox':
      return `<label class="check" for="${id}"><input id="${id}" type="checkbox" name="${name}" value="yes"${required}>${label}</label>`;
    default: {
      const autocomplete =
        field.type === 'email' ? ' autocomplete="email"' : field.type === 'tel' ? ' autocomplete="tel"' : '';
      return `<label for="${id}">${label}<input id="${id}" type="${field.type}" name="${name}"${autocomplete}${required}></label>`;
    }
  }
}

export function renderLandingHtml(page: LandingPage, ctx: AssetContext, variantId: string): string {
  const { brand } = ctx;
  const benefits = page.benefits
    .map((b) => `<div class="benefit"><h3>${escapeHtml(b.title)}</h3>${markdownToHtml(b.description)}</div>`)
    .join('\n');
  const stats = page.proof.stats
    .map(
      (s) =>
        `<div class="stat"><strong>${escapeHtml(s.value)}</strong>${escapeHtml(s.label)}<br><small>Source: ${escapeHtml(s.source)}</small></div>`,
    )
    .join('\n');
  const testimonials = page.proof.testimonials
    .map((t) => {
      const who = [t.name, t.role, t.company]
        .filter((x): x is string => Boolean(x))
        .map(escapeHtml)
        .join(', ');
      return `<blockquote><p>${escapeHtml(t.quote)}</p><footer>— ${who}</footer></blockquote>`;
    })
    .join('\n');
  const hidden = [
    `<input type="hidden" name="variant" value="${escapeHtml(variantId)}">`,
    `<input type="hidden" name="campaign" value="${escapeHtml(ctx.campaignId)}">`,
    ...UTM_KEYS.map((k) => `<input type="hidden" name="${k}" value="">`),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(brand.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<meta name="description" content="${escapeHtml(page.metaDescription)}">
<meta name="crescendo:campaign" content="${escapeHtml(ctx.campaignId)}">
<meta name="crescendo:variant" content="${escapeHtml(variantId)}">
<style>${CSS}</style>
</head>
<body>
<header class="hero"><div class="wrap">
<h1>${escapeHtml(page.hero.headline)}</h1>
<p>${escapeHtml(page.hero.subheadline)}</p>
<a class="button" href="#form">${escapeHtml(page.hero.ctaLabel)}</a>
</div></header>
<main>
<section><div class="wrap">
<h2>${escapeHtml(page.benefitsHeading)}</h2>
<div class="benefits">
${benefits}
</div>
</div></section>
<section><div class="wrap">
<h2>${escapeHtml(page.proofHeading)}</h2>
<div class="stats">
${stats}
</div>
${testimonials}
</div></section>
<section id="form"><div class="wrap">
<h2>${escapeHtml(page.form.heading)}</h2>
<form method="post" data-crescendo-form="${escapeHtml(page.slug)}">
${page.form.fields.map(renderField).join('\n')}
${hidden}
<button class="button" type="submit">${escapeHtml(page.form.submitLabel)}</button>
</form>
</div></section>
</main>
<footer class="wrap"><p><small>${escapeHtml(brand.name)}</small></p></footer>
<script>
// Copy the visit's UTM parameters into the form so the sign-up keeps its source.
(function () {
  var params = new URLSearchParams(location.search);
  ${JSON.stringify(UTM_KEYS)}.forEach(function (key) {
    var input = document.querySelector('input[name="' + key + '"]');
    if (input && params.get(key)) input.value = params.get(key);
  });
})();
</script>
</body>
</html>
`;
}
