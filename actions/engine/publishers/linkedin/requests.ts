import type { ApiRequest } from '../http.js';
import type { PublishItem } from '../publisher.js';
import { restHeaders } from './restli.js';

/** The exact requests the LinkedIn organic publisher sends (Posts API and Images API). */

export interface LinkedInTarget {
  /** `https://api.linkedin.com` or the override, without "/rest". */
  api: string;
  version: string;
  organizationUrn: string;
  token: string;
}

export function initializeImageUpload(t: LinkedInTarget): ApiRequest {
  return {
    method: 'POST',
    url: `${t.api}/rest/images?action=initializeUpload`,
    headers: restHeaders(t.token, t.version),
    body: { kind: 'json', value: { initializeUploadRequest: { owner: t.organizationUrn } } },
    creates: false,
  };
}

/** The bytes, to the URL `initializeUpload` returned (LinkedIn's upload host takes the same bearer token). */
export function uploadImage(t: LinkedInTarget, uploadUrl: string, image: NonNullable<PublishItem['image']>) {
  const request: ApiRequest = {
    method: 'PUT',
    url: uploadUrl,
    headers: { Authorization: `Bearer ${t.token}` },
    body: { kind: 'bytes', value: image.bytes, contentType: image.mimeType },
    creates: false,
  };
  return request;
}

export function createPost(
  t: LinkedInTarget,
  commentary: string,
  image?: { urn: string; alt: string },
): ApiRequest {
  const post: Record<string, unknown> = {
    author: t.organizationUrn,
    commentary,
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
  if (image) post.content = { media: { id: image.urn, altText: image.alt } };
  return {
    method: 'POST',
    url: `${t.api}/rest/posts`,
    headers: restHeaders(t.token, t.version),
    body: { kind: 'json', value: post },
    creates: true,
  };
}

/** The organization's posts, newest first (`r_organization_social`). */
export function postsByAuthor(t: LinkedInTarget, start: number, count: number): ApiRequest {
  const query = `author=${encodeURIComponent(t.organizationUrn)}&q=author&count=${count}&start=${start}&sortBy=CREATED`;
  return {
    method: 'GET',
    url: `${t.api}/rest/posts?${query}`,
    headers: restHeaders(t.token, t.version, 'FINDER'),
    creates: false,
  };
}
