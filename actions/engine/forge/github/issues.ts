import type { IssueRequest, OpenedIssue } from '../forge.js';
import type { RepoApi } from './client.js';

/**
 * Opens an issue once. The issues carrying the request's first label are searched (every state) for the
 * marker: a re-run finds the one it opened and brings its body up to date while it is open, a closed one is
 * left as people closed it. Without a label every issue would have to be read, so one is required.
 */
export async function openIssueOnce(api: RepoApi, request: IssueRequest): Promise<OpenedIssue> {
  const { octokit, owner, repo } = api;
  const body = request.body.includes(request.marker) ? request.body : `${request.body}\n\n${request.marker}`;
  const label = request.labels[0];
  if (label) {
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner,
      repo,
      labels: label,
      state: 'all',
      per_page: 100,
    });
    const found = issues.find((i) => !i.pull_request && (i.body ?? '').includes(request.marker));
    if (found) {
      if (found.state === 'open' && (found.body !== body || found.title !== request.title)) {
        await octokit.rest.issues.update({
          owner,
          repo,
          issue_number: found.number,
          title: request.title,
          body,
        });
      }
      return { number: found.number, url: found.html_url, created: false };
    }
  }
  const { data } = await octokit.rest.issues.create({
    owner,
    repo,
    title: request.title,
    body,
    labels: request.labels,
  });
  return { number: data.number, url: data.html_url, created: true };
}
