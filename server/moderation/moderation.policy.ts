import type { Role } from '../auth/roles';
import type { IdeaVisibility } from '../ideas/ideas.queries';

/**
 * Which visibilities a moderator's decision applies to. Drafts and workshop ideas are not
 * in moderation yet: their authors or facilitators hand them over first.
 */
const appliesTo: Record<'publish' | 'hide', readonly IdeaVisibility[]> = {
  publish: ['pending', 'hidden'],
  hide: ['pending', 'published'],
};

export function mayDecideIdea(decision: 'publish' | 'hide', visibility: IdeaVisibility): boolean {
  return appliesTo[decision].includes(visibility);
}

/**
 * Why an idea may not be marked a duplicate of the original (an i18n key), or undefined.
 * `originalChain` is the original followed by what it duplicates, and so on.
 */
export function duplicateProblem(ideaId: number, originalChain: readonly number[]): string | undefined {
  if (originalChain[0] === ideaId) return 'moderation:validation.duplicateOfItself';
  if (originalChain.includes(ideaId)) return 'moderation:validation.duplicateLoop';
  return undefined;
}

/** Nobody blocks themselves or an admin; only admins block moderators. */
export function mayBlock(actor: { id: number; role: Role }, target: { id: number; role: Role }): boolean {
  if (actor.id === target.id || target.role === 'admin') return false;
  if (target.role === 'moderator') return actor.role === 'admin';
  return actor.role === 'moderator' || actor.role === 'admin';
}
