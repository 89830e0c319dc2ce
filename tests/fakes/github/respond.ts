import { linkHeader } from './http-io.js';
import { paging } from './input.js';
import type { RouteRequest, RouteResponse } from './router.js';

export const ok = (body: unknown, status = 200): RouteResponse => ({ status, body });
export const created = (body: unknown): RouteResponse => ({ status: 201, body });
export const noContent = (): RouteResponse => ({ status: 204 });

/** One page of a list, with the `Link` header Octokit's `paginate` follows. */
export function page<T>(request: RouteRequest, items: T[]): RouteResponse {
  const { page, perPage } = paging(request.query);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = linkHeader(request.url, page, lastPage);
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: link ? { link } : {},
  };
}

/** Base64 the way the contents and blobs APIs send it: wrapped at 60 characters. */
export const wrappedBase64 = (content: Buffer): string => {
  const flat = content.toString('base64');
  return flat === '' ? '' : `${flat.match(/.{1,60}/g)?.join('\n')}\n`;
};
