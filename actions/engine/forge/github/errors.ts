import { CrescendoError } from '../../errors.js';

/** The parts of Octokit's `RequestError` this code reads (checked structurally, no runtime import). */
export interface HttpError extends Error {
  status: number;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

export const statusOf = (error: unknown): number | undefined =>
  isHttpError(error) ? error.status : undefined;

/** GitHub's own message plus the `message`s of a 422's `errors` array. */
export function messageOf(error: HttpError): string {
  const data = error.response?.data;
  if (data && typeof data === 'object') {
    const body = data as { message?: unknown; errors?: unknown };
    const parts = typeof body.message === 'string' ? [body.message] : [];
    if (Array.isArray(body.errors)) {
      for (const item of body.errors) {
        if (typeof item === 'string') parts.push(item);
        else if (
          item &&
          typeof item === 'object' &&
          typeof (item as { message?: unknown }).message === 'string'
        ) {
          parts.push((item as { message: string }).message);
        }
      }
    }
    if (parts.length > 0) return parts.join(': ');
  }
  return error.message;
}

/** True when GitHub refused a second open PR for the same head (a parallel run got there first). */
export const isPullRequestAlreadyExists = (error: unknown): boolean =>
  statusOf(error) === 422 && /A pull request already exists/i.test(messageOf(error as HttpError));

export const isReferenceAlreadyExists = (error: unknown): boolean =>
  statusOf(error) === 422 && /Reference already exists/i.test(messageOf(error as HttpError));

/** `POST /repos/acme/site/pulls`: the request, without query string (never the token, which is a header). */
function whereOf(error: HttpError, apiBase: string): string | undefined {
  const method = error.request?.method;
  const url = error.request?.url;
  if (!method || !url) return undefined;
  let path = url.startsWith(apiBase) ? url.slice(apiBase.length) : url;
  path = path.split('?')[0] ?? path;
  return `GitHub API ${method} ${path.startsWith('/') ? path : `/${path}`}`;
}

const PERMISSIONS =
  'the workflow needs `permissions: { contents: write, pull-requests: write, issues: write }` ' +
  '(a GitHub App needs the same repository permissions)';

/**
 * Turns an Octokit failure into a CrescendoError that says what happened and what to do.
 * Anything that is not an HTTP error (a bug) is passed through unchanged.
 */
export function toCrescendoError(error: unknown, apiBase: string): unknown {
  if (error instanceof CrescendoError || !isHttpError(error)) return error;
  const where = whereOf(error, apiBase);
  const message = messageOf(error);
  const headers = error.response?.headers ?? {};
  const options = (fix: string) => ({ where, fix, cause: error });

  if (error.status === 401) {
    return new CrescendoError(
      'GitHub refused the token (401 Bad credentials)',
      options(
        'the token expired or was revoked. A GitHub App installation token lasts one hour: create it in ' +
          'the same job, right before this step. Also check its permissions: ' +
          PERMISSIONS,
      ),
    );
  }
  if (error.status === 403 && /not permitted to create or approve pull requests/i.test(message)) {
    return new CrescendoError(
      'GitHub Actions is not permitted to create or approve pull requests',
      options(
        'enable the repository (or organization) setting Settings → Actions → General → Workflow ' +
          'permissions → "Allow GitHub Actions to create and approve pull requests", or pass a GitHub App ' +
          'token (actions/create-github-app-token) as the `github-token` input',
      ),
    );
  }
  if ((error.status === 403 || error.status === 429) && /rate limit/i.test(message)) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when =
      Number.isFinite(reset) && reset > 0 ? ` after ${new Date(reset * 1000).toISOString()}` : ' later';
    return new CrescendoError(
      `GitHub rate limit exceeded, even after waiting and retrying (${message})`,
      options(`re-run the job${when}; nothing was lost, re-running updates instead of duplicating`),
    );
  }
  if (error.status === 403) {
    return new CrescendoError(
      `GitHub refused the request (403 ${message})`,
      options(`the token lacks a permission: ${PERMISSIONS}`),
    );
  }
  if (error.status === 404) {
    return new CrescendoError(
      `GitHub found nothing there (404 ${message})`,
      options('check the repository name and that the token can access it (private repositories answer 404)'),
    );
  }
  if (error.status >= 500) {
    return new CrescendoError(
      `GitHub failed (${error.status} ${message}) and kept failing after retries`,
      options('GitHub may be having an incident (https://www.githubstatus.com); re-run the job later'),
    );
  }
  return new CrescendoError(`GitHub answered ${error.status}: ${message}`, { where, cause: error });
}
