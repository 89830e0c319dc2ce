import {
  basicCredentials,
  type Fault,
  type Loopback,
  type LoopbackRequest,
  type Reply,
  startLoopback,
} from '../loopback.js';

/*
 * A WordPress REST API (wp/v2) on loopback, shaped like WordPress 6: application passwords over Basic
 * auth (spaces in the password ignored, like core), posts with `future`/`publish` decided by the date as
 * `wp_insert_post` does, unique slugs (`slug-2`), `status=any&context=edit` lookups, and core's error
 * bodies `{ code, message, data: { status } }`.
 */

export type WordPressRole = 'administrator' | 'author' | 'contributor' | 'subscriber';

export interface WordPressPost {
  id: number;
  date_gmt: string;
  modified_gmt: string;
  slug: string;
  status: 'publish' | 'future' | 'draft';
  title: string;
  content: string;
  excerpt: string;
  author: number;
}

export interface FakeWordPress extends Pick<Loopback, 'url' | 'requests' | 'failNext' | 'close'> {
  readonly posts: readonly WordPressPost[];
  /** A post as a person made it in wp-admin. */
  addPost(post: Partial<WordPressPost> & { slug: string }): WordPressPost;
  failNext(fault: Fault): void;
}

export interface FakeWordPressOptions {
  users: Record<string, { password: string; role: WordPressRole }>;
  now: () => Date;
}

const CAN_PUBLISH: Record<WordPressRole, boolean> = {
  administrator: true,
  author: true,
  contributor: false,
  subscriber: false,
};

const wpError = (status: number, code: string, message: string, extra: object = {}): Reply => ({
  status,
  body: { code, message, data: { status, ...extra } },
});

const gmt = (date: Date): string => date.toISOString().slice(0, 19);

export async function startFakeWordPress(options: FakeWordPressOptions): Promise<FakeWordPress> {
  const posts: WordPressPost[] = [];
  const users = Object.entries(options.users).map(([login, user], i) => ({ id: i + 1, login, ...user }));
  let url = '';

  const permalinkTemplate = (post: WordPressPost) =>
    `${url}/${post.date_gmt.slice(0, 4)}/${post.date_gmt.slice(5, 7)}/${post.date_gmt.slice(8, 10)}/%postname%/`;
  const postJson = (post: WordPressPost) => ({
    id: post.id,
    date: post.date_gmt,
    date_gmt: post.date_gmt,
    guid: { rendered: `${url}/?p=${post.id}`, raw: `${url}/?p=${post.id}` },
    modified: post.modified_gmt,
    modified_gmt: post.modified_gmt,
    slug: post.slug,
    status: post.status,
    type: 'post',
    link:
      post.status === 'publish'
        ? permalinkTemplate(post).replace('%postname%', post.slug)
        : `${url}/?p=${post.id}`,
    title: { raw: post.title, rendered: post.title },
    content: { raw: post.content, rendered: post.content, protected: false, block_version: 0 },
    excerpt: { raw: post.excerpt, rendered: post.excerpt, protected: false },
    author: post.author,
    permalink_template: permalinkTemplate(post),
    generated_slug: post.slug,
  });

  const uniqueSlug = (slug: string) => {
    let candidate = slug;
    for (let n = 2; posts.some((p) => p.slug === candidate); n += 1) candidate = `${slug}-${n}`;
    return candidate;
  };

  const addPost = (input: Partial<WordPressPost> & { slug: string }): WordPressPost => {
    const now = gmt(options.now());
    const post: WordPressPost = {
      id: posts.length + 1,
      date_gmt: now,
      modified_gmt: now,
      status: 'publish',
      title: '',
      content: '',
      excerpt: '',
      author: 1,
      ...input,
      slug: uniqueSlug(input.slug),
    };
    posts.push(post);
    return post;
  };

  /** The user, `null` when no credentials came, or an error reply when they are wrong (core's codes). */
  const authenticate = (request: LoopbackRequest) => {
    const credentials = basicCredentials(request.headers);
    if (!credentials) return null;
    const user = users.find((u) => u.login === credentials.user);
    if (!user)
      return wpError(401, 'invalid_username', 'Unknown username. Check again or try your email address.');
    if (user.password.replace(/[^a-z\d]/gi, '') !== credentials.pass.replace(/[^a-z\d]/gi, '')) {
      return wpError(401, 'incorrect_password', 'The provided password is an invalid application password.');
    }
    return user;
  };

  const createPost = (user: (typeof users)[number] | null, body: unknown): Reply => {
    if (!user)
      return wpError(401, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.');
    if (user.role === 'subscriber') {
      return wpError(403, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.');
    }
    const input = (body ?? {}) as Record<string, unknown>;
    const status = input.status ?? 'draft';
    if (!['publish', 'future', 'draft', 'pending', 'private'].includes(String(status))) {
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
        params: { status: 'status is not one of publish, future, draft, pending, private, trash.' },
      });
    }
    if ((status === 'publish' || status === 'future') && !CAN_PUBLISH[user.role]) {
      return wpError(
        403,
        'rest_cannot_publish',
        'Sorry, you are not allowed to publish posts in this post type.',
      );
    }
    const dateText = typeof input.date_gmt === 'string' ? input.date_gmt : undefined;
    const date = dateText ? new Date(`${dateText.replace(/Z$/, '')}Z`) : options.now();
    if (Number.isNaN(date.getTime())) {
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): date_gmt', {
        params: { date_gmt: 'Invalid date.' },
      });
    }
    // wp_insert_post: a publish date in the future makes the post `future`, one in the past `publish`.
    const effective = status === 'draft' ? 'draft' : date > options.now() ? 'future' : 'publish';
    const post = addPost({
      slug: typeof input.slug === 'string' && input.slug !== '' ? input.slug : 'post',
      status: effective,
      date_gmt: gmt(date),
      modified_gmt: gmt(options.now()),
      title: String(input.title ?? ''),
      content: String(input.content ?? ''),
      excerpt: String(input.excerpt ?? ''),
      author: user.id,
    });
    return {
      status: 201,
      body: postJson(post),
      headers: { location: `${url}/wp-json/wp/v2/posts/${post.id}` },
    };
  };

  const api = await startLoopback((request) => {
    const user = authenticate(request);
    if (user && 'status' in user) return user;
    const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
    if (route === 'POST /wp-json/wp/v2/posts') return createPost(user, request.body);
    if (route === 'GET /wp-json/wp/v2/posts') {
      const editing = request.query.get('context') === 'edit' || request.query.get('status') === 'any';
      if (editing && !user) {
        return wpError(
          401,
          'rest_forbidden_context',
          'Sorry, you are not allowed to edit posts in this post type.',
        );
      }
      const slug = request.query.get('slug');
      const visible = posts.filter(
        (p) =>
          (slug === null || p.slug === slug) &&
          (request.query.get('status') === 'any' || p.status === 'publish'),
      );
      return {
        status: 200,
        body: visible.map(postJson),
        headers: { 'x-wp-total': String(visible.length), 'x-wp-totalpages': '1' },
      };
    }
    if (route === 'GET /wp-json/wp/v2/users/me') {
      if (!user) return wpError(401, 'rest_not_logged_in', 'You are not currently logged in.');
      return {
        status: 200,
        body: {
          id: user.id,
          name: user.login,
          slug: user.login,
          roles: [user.role],
          capabilities: { edit_posts: user.role !== 'subscriber', publish_posts: CAN_PUBLISH[user.role] },
        },
      };
    }
    return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  });
  url = api.url;
  return {
    get url() {
      return api.url;
    },
    requests: api.requests,
    posts,
    addPost,
    failNext: (fault) => api.failNext(fault),
    close: () => api.close(),
  };
}
