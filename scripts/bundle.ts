/**
 * Builds the one engine bundle into `actions/dist/` (see scripts/bundle/build.ts), which every action and
 * the installed `crescendo` command run. Commit the result: CI fails on a stale bundle.
 *
 *   npm run bundle               # writes actions/dist/, prints what each entry loads
 *   npm run bundle -- --report   # also the largest contributors, per package
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_DIR, presentEntries, ROOT, writeBundle } from './bundle/build.js';
import { contributors, formatContributors, loadedOutputs, outputBytes } from './bundle/contents.js';
import { writeIssueForm } from './bundle/issue-form.js';

export { ROOT } from './bundle/build.js';

const kB = (bytes: number): string => `${(bytes / 1024).toFixed(0)} kB`;

async function main(report: boolean): Promise<void> {
  const { files, metafile } = await writeBundle();
  if (await writeIssueForm(ROOT))
    process.stdout.write('.github/ISSUE_TEMPLATE/campaign.yml: channel options updated\n');
  const total = outputBytes(metafile, Object.keys(metafile.outputs));
  const lines = [`${BUNDLE_DIR}: ${files.size} files, ${kB(total)}`];
  for (const entry of presentEntries()) {
    const output = `${BUNDLE_DIR}/${entry.name}.js`;
    const atStart = outputBytes(metafile, loadedOutputs(metafile, output));
    const ever = outputBytes(metafile, loadedOutputs(metafile, output, true));
    lines.push(`  ${entry.name}.js loads ${kB(atStart)} at start, ${kB(ever)} at most`);
  }
  if (report) lines.push('', 'Largest contributors:', formatContributors(contributors(metafile)));
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.includes('--report'));
}
