import { resultRoles, type Role } from '../auth/roles';

type Person = { id: number; role: Role } | undefined | null;

/**
 * Planners, moderators and admins assess any idea, whatever its visibility (a hidden or
 * pending idea may be assessed; nothing about it is shown publicly), and publish the
 * assessments made so far.
 */
export function mayAssessIdeas(person: Person): boolean {
  return Boolean(person && resultRoles.includes(person.role));
}

export function mayPublishAssessments(person: Person): boolean {
  return Boolean(person && resultRoles.includes(person.role));
}

