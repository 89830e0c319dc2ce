import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHANNEL_OPTIONS } from '../../actions/engine/action/issue-form/campaign-form.js';
import { CAMPAIGN_TEMPLATE_PATH } from '../../actions/engine/action/issue-form/issue-form.js';

/**
 * The issue form's channel checkboxes are generated from the channel registry (a form is static YAML that
 * GitHub renders, so it cannot ask the registry itself): `npm run bundle` rewrites them, and a test fails
 * when the committed form is stale. Only the options of the `channels` field change; comments stay.
 */
export function withChannelOptions(template: string): string {
  const lines = template.split('\n');
  const field = lines.findIndex((l) => /^\s*id: channels\s*$/.test(l));
  const start = lines.findIndex((l, i) => i > field && /^\s*options:\s*$/.test(l));
  if (field < 0 || start < 0) throw new Error(`${CAMPAIGN_TEMPLATE_PATH} has no channels field with options`);
  const indent = `${(lines[start] ?? '').match(/^\s*/)?.[0] ?? ''}  `;
  let end = start + 1;
  while (end < lines.length && lines[end]?.startsWith(`${indent}- `)) end++;
  const options = CHANNEL_OPTIONS.map((label) => `${indent}- label: ${label}`);
  return [...lines.slice(0, start + 1), ...options, ...lines.slice(end)].join('\n');
}

export async function writeIssueForm(root: string): Promise<boolean> {
  const path = join(root, CAMPAIGN_TEMPLATE_PATH);
  const before = await readFile(path, 'utf8');
  const after = withChannelOptions(before);
  if (after !== before) await writeFile(path, after);
  return after !== before;
}
