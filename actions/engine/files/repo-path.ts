/**
 * Repository paths that come from files a person can edit (a campaign's `files:` list) are data: before
 * one is deleted or written it must be a plain relative path, so `a/../../.github/x` cannot reach outside
 * the folder its prefix names (git resolves `..` in pathspecs).
 */
export function isPlainRepoPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** True when `path` is a plain repository path equal to one of `prefixes` or inside one of them. */
export function isUnderPrefixes(path: string, prefixes: readonly string[]): boolean {
  return isPlainRepoPath(path) && prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** Paths that appear more than once in one commit's changes: the later would silently replace the earlier. */
export function duplicatePaths(changes: readonly { path: string }[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { path } of changes) (seen.has(path) ? twice : seen).add(path);
  return [...twice].sort();
}
