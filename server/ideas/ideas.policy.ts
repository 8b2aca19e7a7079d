import { resultRoles, staffRoles, type Role } from '../auth/roles';
import { AppError, forbidden } from '../http/errors';
import type { IdeaStatus } from './ideas.schema';
import type { IdeaVisibility } from './ideas.queries';

type Person = { id: number; role: Role } | undefined | null;

export type ModerationMode = 'pre' | 'post';

/** What decides whether an idea's author may still change it. */
export interface ChangeableIdea {
  authorId: number | null;
  status: IdeaStatus;
  visibility: IdeaVisibility;
}

/**
 * Published or hidden: in a pre-moderated consultation a moderator has decided on it; in a
 * post-moderated one visitors could read it (or still can).
 */
const isPublishedOrHidden = (visibility: IdeaVisibility) => visibility === 'published' || visibility === 'hidden';

/** Why the author may not change an idea now. */
export type AuthorChangeRefusal = 'notAuthor' | 'underReview' | 'moderated';

/**
 * Whether the author may change what an idea says and shows (title, text, photos, pin,
 * category, values) and its translations; undefined when they may. Only while staff have not
 * started on it (status "new"). In a pre-moderated consultation a moderator's decision is
 * final: once an idea is published (or hidden) an unreviewed change must not reach visitors,
 * so it is refused. In a post-moderated one the change goes live and is recorded for moderators.
 */
export function authorChangeRefusal(person: Person, idea: ChangeableIdea, moderationMode: ModerationMode): AuthorChangeRefusal | undefined {
  if (!person || idea.authorId === null || idea.authorId !== person.id) return 'notAuthor';
  if (idea.status !== 'new') return 'underReview';
  if (moderationMode === 'pre' && isPublishedOrHidden(idea.visibility)) return 'moderated';
  return undefined;
}

export function mayEditIdea(person: Person, idea: ChangeableIdea, moderationMode: ModerationMode): boolean {
  return authorChangeRefusal(person, idea, moderationMode) === undefined;
}

/** A change visitors may already have read, or a moderator hid: moderators see it afterwards as a revision. */
export const authorChangeIsRevised = (idea: { visibility: IdeaVisibility }) => isPublishedOrHidden(idea.visibility);

/** The answer to a refused change: a plain 403 to someone else, a message that says why to the author. */
export function authorChangeError(refusal: AuthorChangeRefusal): AppError {
  if (refusal === 'notAuthor') return forbidden();
  return new AppError(403, refusal === 'moderated' ? 'idea_moderated' : 'idea_under_review', `ideas:edit.refused.${refusal}`);
}

/** The author may delete an idea until staff start looking at it. */
export function mayDeleteIdea(person: Person, idea: { authorId: number | null; status: IdeaStatus }): boolean {
  return Boolean(person && idea.authorId === person.id && idea.status === 'new');
}

/** Pending and hidden ideas are seen only by their author and by staff; drafts by their author alone. */
export function mayViewIdea(person: Person, idea: { authorId: number | null; visibility: string }): boolean {
  if (idea.visibility === 'published') return true;
  if (idea.visibility === 'draft') return Boolean(person && person.id === idea.authorId);
  return Boolean(person && (person.id === idea.authorId || staffRoles.includes(person.role)));
}

/**
 * The staff idea page: moderators and admins see there what they may see anywhere; planners,
 * who assess pending and hidden ideas too, read the same ideas there (read-only), though the
 * public pages of those stay closed to them.
 */
export function mayViewIdeaOnStaffPage(person: Person, idea: { authorId: number | null; visibility: string }): boolean {
  if (person && resultRoles.includes(person.role) && idea.visibility !== 'draft') return true;
  return mayViewIdea(person, idea);
}

type Translator = (Person & { blockedAt?: Date | null }) | undefined | null;

/**
 * Why a person may not translate an idea, or undefined: staff always may (their translations
 * are audited); the author exactly while they may change the idea itself.
 */
export function translationRefusal(person: Translator, idea: ChangeableIdea, moderationMode: ModerationMode): AuthorChangeRefusal | undefined {
  if (!person || person.blockedAt) return 'notAuthor';
  if (staffRoles.includes(person.role)) return undefined;
  return authorChangeRefusal(person, idea, moderationMode);
}

export function mayTranslateIdea(person: Translator, idea: ChangeableIdea, moderationMode: ModerationMode): boolean {
  return translationRefusal(person, idea, moderationMode) === undefined;
}
