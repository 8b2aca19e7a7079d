import { assistRoles, staffRoles, type Role } from '../auth/roles';

/** Volunteers, facilitators and staff type in ideas residents gave on paper, by phone, at a library or at an event. */
export const mayEnterIdeasForOthers = (role: Role | undefined) => Boolean(role && assistRoles.includes(role));

/** A resident's contact for a reply: moderators and admins only (not planners, facilitators or the volunteer who typed it). */
export const maySeeResidentContacts = (role: Role | undefined) => Boolean(role && staffRoles.includes(role));

/** An idea entered for a resident (typed in or imported) goes through the consultation's moderation like any other. */
export const visibilityOfAssistedIdea = (consultation: { moderationMode: 'pre' | 'post' }) => (consultation.moderationMode === 'pre' ? 'pending' : 'published');
