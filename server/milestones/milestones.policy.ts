import { resultRoles, type Role } from '../auth/roles';
import type { IdeaStatus } from '../ideas/ideas.schema';

/** Who adds milestones and marks before/after photos: planners, moderators and admins. */
export const milestoneRoles: readonly Role[] = resultRoles;

/** Milestones follow an idea the city took on: accepted, in progress or implemented. */
const statusesWithMilestones: readonly IdeaStatus[] = ['accepted', 'in_progress', 'implemented'];

export type MilestoneAction = 'add_milestone' | 'mark_photo';

export function mayActOnMilestones(role: Role | undefined, status: IdeaStatus, action: MilestoneAction): boolean {
  if (!role || !milestoneRoles.includes(role)) return false;
  // The before/after pair is shown once the place is built, but may be prepared while works go on.
  if (action === 'mark_photo') return status === 'in_progress' || status === 'implemented';
  return statusesWithMilestones.includes(status);
}

export function ideaTakesMilestones(status: IdeaStatus): boolean {
  return statusesWithMilestones.includes(status);
}
