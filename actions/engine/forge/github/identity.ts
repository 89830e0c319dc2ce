import type { RepoApi } from './client.js';

/**
 * Who the token acts as, so the comments Crescendo edits are only its own (an outsider who types
 * `<!-- crescendo:progress -->` must not get the progress comment under their name).
 *
 * - Personal tokens: `GET /user` and GraphQL `viewer` both answer the person's login.
 * - `GITHUB_TOKEN` (`github-actions[bot]`) and GitHub App installation tokens (`<app-slug>[bot]`): `GET /user`
 *   answers 403 "Resource not accessible by integration", and `GET /app` needs the App's JWT, which an
 *   installation token is not. GraphQL `viewer { login }` works with installation tokens too, so it is asked
 *   first, and `GET /user` only when GraphQL fails (a GitHub Enterprise Server without it, a proxy).
 * - When neither answers, the login is learned from the first comment Crescendo creates; until then only
 *   comments by bot accounts (`user.type === 'Bot'`, which no person can post as) are taken as Crescendo's.
 */
export async function askLogin(api: RepoApi): Promise<string | undefined> {
  const { octokit } = api;
  try {
    const answer = await octokit.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
    if (answer.viewer?.login) return answer.viewer.login;
  } catch {
    // Fall through to REST.
  }
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch {
    return undefined;
  }
}

export interface CommentAuthor {
  login: string;
  type?: string | null;
}

const BOT_SUFFIX = /\[bot\]$/i;

/**
 * Whether a comment's author is `me`. GraphQL may name an App's bot user by its slug alone (`my-app`) where
 * REST says `my-app[bot]`, so a bot account matches either spelling; a person matches only their exact login.
 * With `me` unknown, only bot accounts match (a person can never post as one).
 */
export function isAuthoredBy(author: CommentAuthor | null | undefined, me: string | undefined): boolean {
  if (!author) return false;
  const isBot = author.type === 'Bot' || BOT_SUFFIX.test(author.login);
  if (me === undefined) return isBot;
  const login = author.login.toLowerCase();
  const mine = me.toLowerCase();
  if (login === mine) return true;
  return isBot && login.replace(BOT_SUFFIX, '') === mine.replace(BOT_SUFFIX, '');
}
