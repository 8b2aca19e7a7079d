export const roles = ['resident', 'facilitator', 'planner', 'moderator', 'admin'] as const;
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['moderator', 'admin'];
/** Roles that run youth workshops (staff may too). */
export const workshopRoles: readonly Role[] = ['facilitator', 'moderator', 'admin'];
/**
 * Roles that judge and follow ideas: they open the staff idea pages, the dashboard and the
 * exports, assess ideas with the NEB Compass and add milestones. Planners do no more than that
 * (no moderation, no accounts).
 */
export const resultRoles: readonly Role[] = ['planner', 'moderator', 'admin'];
/** Roles that run or moderate something: they log in with a second factor. */
export const privilegedRoles: readonly Role[] = ['facilitator', 'planner', 'moderator', 'admin'];
