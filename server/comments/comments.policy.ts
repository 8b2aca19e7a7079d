import type { Role } from '../auth/roles';

export const editWindowMs = 15 * 60 * 1000;

type Person = { id: number; role: Role } | undefined | null;

/** Why comments cannot be written on this idea now (an i18n key), or undefined. */
export function commentingClosedReason(idea: { visibility: string; commentsLocked: boolean; consultationPhase: string }): string | undefined {
  if (idea.visibility !== 'published') return 'comments:closed.notPublished';
  if (idea.commentsLocked) return 'comments:closed.locked';
  if (idea.consultationPhase === 'closed') return 'comments:closed.consultationClosed';
  return undefined;
}

export function mayEditComment(person: Person, comment: { authorId: number | null; createdAt: Date; deletedAt: Date | null }, now = new Date()): boolean {
  return Boolean(person && comment.authorId === person.id && !comment.deletedAt && now.getTime() - new Date(comment.createdAt).getTime() <= editWindowMs);
}

export function mayDeleteComment(person: Person, comment: { authorId: number | null; deletedAt: Date | null }): boolean {
  return Boolean(person && comment.authorId === person.id && !comment.deletedAt);
}
