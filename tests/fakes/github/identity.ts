import type { Signature } from './git.js';
import type { Actor } from './state.js';

/** The name and email GitHub records for commits made through the API by this actor. */
export function identity(actor: Actor | undefined, date: string): Signature {
  if (!actor) return { name: 'GitHub', email: 'noreply@github.com', date };
  return { name: actor.login, email: `${actor.id}+${actor.login}@users.noreply.github.com`, date };
}
