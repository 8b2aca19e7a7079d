import { staffRoles, type Role } from '../auth/roles';
import type { IdeaStatus } from './ideas.schema';

type Person = { id: number; role: Role } | undefined | null;

/** The author may change or delete an idea until staff start looking at it. */
export function mayEditIdea(person: Person, idea: { authorId: number | null; status: IdeaStatus }): boolean {
  return Boolean(person && idea.authorId === person.id && idea.status === 'new');
}

/** Pending and hidden ideas are seen only by their author and by staff; drafts by their author alone. */
export function mayViewIdea(person: Person, idea: { authorId: number | null; visibility: string }): boolean {
  if (idea.visibility === 'published') return true;
  if (idea.visibility === 'draft') return Boolean(person && person.id === idea.authorId);
  return Boolean(person && (person.id === idea.authorId || staffRoles.includes(person.role)));
}

/** Staff, and the author themselves, may add translations of an idea. */
export function mayTranslateIdea(person: (Person & { blockedAt?: Date | null }) | undefined | null, idea: { authorId: number | null }): boolean {
  if (!person || person.blockedAt) return false;
  return staffRoles.includes(person.role) || person.id === idea.authorId;
}
