import type { RouteResponse } from './router.js';
import type { Actor } from './state.js';
import type { Views } from './views.js';

/**
 * The one GraphQL query Crescendo sends: `viewer { login }` (who the token acts as; GitHub answers it for
 * personal, `GITHUB_TOKEN` and App installation tokens alike). `POST /graphql` is not part of the REST
 * description, so it is served beside the REST routes, not among them. Other queries get GraphQL's
 * error shape (200 with `errors`), as GitHub answers a field it does not know.
 */
export function answerGraphql(body: unknown, actor: Actor | undefined, views: Views): RouteResponse {
  if (!actor) {
    return {
      status: 401,
      body: {
        message: 'This endpoint requires you to be authenticated.',
        documentation_url:
          'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      },
    };
  }
  const query = typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : undefined;
  if (typeof query !== 'string') {
    return {
      status: 200,
      body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
    };
  }
  const fields = /\bviewer\s*\{([^{}]*)\}/
    .exec(query)?.[1]
    ?.split(/[\s,]+/)
    .filter(Boolean);
  if (!fields) {
    return {
      status: 200,
      body: { errors: [{ type: 'NOT_SUPPORTED', message: 'the fake answers only `viewer { … }` queries' }] },
    };
  }
  const user = views.user(actor);
  const known: Record<string, unknown> = { login: user.login, databaseId: user.id, __typename: 'User' };
  const unknown = fields.find((field) => !(field in known));
  if (unknown) {
    return {
      status: 200,
      body: {
        errors: [
          {
            path: ['query', 'viewer', unknown],
            extensions: { code: 'undefinedField', typeName: 'User', fieldName: unknown },
            message: `Field '${unknown}' doesn't exist on type 'User'`,
          },
        ],
      },
    };
  }
  return { status: 200, body: { data: { viewer: Object.fromEntries(fields.map((f) => [f, known[f]])) } } };
}
