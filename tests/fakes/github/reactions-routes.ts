import { ApiError, validationFailed } from './api-error.js';
import type { FakeContext } from './context.js';
import { objectBody, requiredString, routeNumber } from './input.js';
import { findComment } from './issue-logic.js';
import { created, noContent, ok, page } from './respond.js';
import type { Route } from './router.js';
import { REACTIONS, type ReactionContent } from './state.js';
import type { Views } from './views.js';

/**
 * Reactions on issue and pull-request comments. Reacting needs read access; the same person reacting the
 * same way twice gets 200 with the reaction they already have, a new reaction 201.
 */
export function reactionsRoutes(ctx: FakeContext, views: Views): Route[] {
  const path = '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions';
  return [
    {
      method: 'GET',
      path,
      async handle(request) {
        const comment = findComment(ctx, routeNumber(request.params.comment_id));
        const wanted = request.query.get('content');
        const reactions = ctx.state.reactions
          .filter((reaction) => reaction.comment === comment.id)
          .filter((reaction) => wanted === null || reaction.content === wanted);
        return page(
          request,
          reactions.map((reaction) => views.reaction(reaction)),
        );
      },
    },
    {
      method: 'POST',
      path,
      role: 'read',
      async handle({ params, body, actor }) {
        if (!actor) throw new ApiError(401, 'Requires authentication');
        const comment = findComment(ctx, routeNumber(params.comment_id));
        const content = requiredString(objectBody(body), 'content');
        if (!(REACTIONS as readonly string[]).includes(content)) {
          throw validationFailed({ resource: 'Reaction', code: 'invalid', field: 'content' });
        }
        const existing = ctx.state.reactions.find(
          (reaction) =>
            reaction.comment === comment.id &&
            reaction.content === content &&
            reaction.author.login.toLowerCase() === actor.login.toLowerCase(),
        );
        if (existing) return ok(views.reaction(existing));
        const reaction = {
          id: ctx.state.nextId(),
          comment: comment.id,
          content: content as ReactionContent,
          author: actor,
          createdAt: ctx.state.timestamp(),
        };
        ctx.state.reactions.push(reaction);
        return created(views.reaction(reaction));
      },
    },
    {
      method: 'DELETE',
      path: `${path}/{reaction_id}`,
      role: 'read',
      async handle({ params, actor }) {
        const id = routeNumber(params.reaction_id);
        const index = ctx.state.reactions.findIndex(
          (reaction) =>
            reaction.id === id &&
            reaction.comment === routeNumber(params.comment_id) &&
            reaction.author.login.toLowerCase() === actor?.login.toLowerCase(),
        );
        if (index < 0) throw new ApiError(404, 'Not Found');
        ctx.state.reactions.splice(index, 1);
        return noContent();
      },
    },
  ];
}
