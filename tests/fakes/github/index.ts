export type { FakeGitHub, FakeGitHubOptions, ReviewComment, SeedOptions } from './fake-github.js';
export { DEFAULT_TOKEN, startFakeGitHub } from './fake-github.js';
export type { Fault } from './faults.js';
export { secondaryRateLimit } from './faults.js';
export type { MergeMethod } from './pull-logic.js';
export type { RecordedRequest } from './server.js';
export type { Role } from './state.js';
export type { CommentJson, IssueJson, LabelJson, PullJson, ReactionJson, ReviewJson } from './views.js';
