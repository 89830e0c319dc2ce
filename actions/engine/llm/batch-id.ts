/**
 * `social-post/2` → `social-post_2`: the API only takes letters, digits, `_` and `-`. Its own module, so a
 * stage that names its batch requests does not load the Anthropic SDK.
 */
export const batchCustomId = (key: string): string => key.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
