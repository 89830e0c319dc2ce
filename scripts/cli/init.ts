import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_PATH, parseConfig } from '../../actions/engine/config/config.js';
import { formatError } from '../../actions/engine/errors.js';
import { git, gitMaybe } from '../../actions/engine/forge/local/git.js';

/** Folders Crescendo writes to, each kept in git by an empty `.gitkeep`. */
const FOLDERS = ['campaigns', 'plans/reports', 'content'];

/** Writes `text` only when nothing is at `path`; true when it wrote. */
async function createIfAbsent(path: string, text: string): Promise<boolean> {
  try {
    await writeFile(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Sets up a repository for Crescendo without touching what the user had: an existing config is kept (and
 * checked), no existing file is overwritten, and the setup commit holds only the files created here
 * (`git commit --only`), so the user's staged work stays staged and out of it.
 */
export async function initRepository(
  dir: string,
  templateConfig: string,
  out: (line: string) => void,
  warn: (line: string) => void = out,
): Promise<{ created: string[]; committed: boolean }> {
  await mkdir(dir, { recursive: true });
  if (!(await gitMaybe(dir, ['rev-parse', '--git-dir']))) await git(dir, ['init', '-q', '-b', 'main']);
  const created: string[] = [];
  await mkdir(join(dir, '.github'), { recursive: true });
  if (await createIfAbsent(join(dir, CONFIG_PATH), templateConfig)) created.push(CONFIG_PATH);
  else await keptConfigNote(dir, out, warn);
  for (const folder of FOLDERS) {
    await mkdir(join(dir, folder), { recursive: true });
    const keep = `${folder}/.gitkeep`;
    if (await createIfAbsent(join(dir, keep), '')) created.push(keep);
  }
  // A path the user's .gitignore excludes stays out of the commit: their ignore rules win.
  const ignored = new Set(
    ((await gitMaybe(dir, ['check-ignore', '--', ...created])) ?? '').split('\n').filter(Boolean),
  );
  const commit = created.filter((p) => !ignored.has(p));
  if (commit.length === 0) return { created, committed: false };
  await git(dir, ['add', '--', ...commit]);
  await git(dir, ['commit', '-q', '-m', 'Set up Crescendo', '--only', '--', ...commit]);
  return { created, committed: true };
}

async function keptConfigNote(
  dir: string,
  out: (line: string) => void,
  warn: (line: string) => void,
): Promise<void> {
  out(`kept your ${CONFIG_PATH} (Crescendo's template was not copied over it)`);
  try {
    parseConfig(await readFile(join(dir, CONFIG_PATH), 'utf8'), CONFIG_PATH);
  } catch (error) {
    warn(`warning: ${formatError(error)}`);
  }
  const head = await gitMaybe(dir, ['symbolic-ref', '--short', 'HEAD']);
  if ((await gitMaybe(dir, ['cat-file', '-e', `HEAD:${CONFIG_PATH}`])) === undefined)
    out(`note: Crescendo reads ${CONFIG_PATH} from ${head?.trim() || 'the default branch'}: commit it there`);
}
