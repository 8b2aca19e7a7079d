export const roles = ['resident', 'volunteer', 'facilitator', 'planner', 'moderator', 'admin'] as const;
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['moderator', 'admin'];
/** Roles that run youth workshops (staff may too). */
export const workshopRoles: readonly Role[] = ['facilitator', 'moderator', 'admin'];
/**
 * Roles that enter ideas on a resident's behalf (paper forms, phone calls, libraries, events).
 * Volunteers do nothing else.
 */
export const assistRoles: readonly Role[] = ['volunteer', 'facilitator', 'moderator', 'admin'];
/** Roles that import files of ideas gathered at events: those who enter ideas for others, except volunteers. */
export const importRoles: readonly Role[] = ['facilitator', 'moderator', 'admin'];
/**
 * Roles that judge and follow ideas: they open the staff idea pages, the dashboard and the
 * exports, assess ideas with the NEB Compass and add milestones. Planners do no more than that
 * (no moderation, no accounts).
 */
export const resultRoles: readonly Role[] = ['planner', 'moderator', 'admin'];
/**
 * Roles that run or moderate something, or type in other people's ideas and contact details
 * (volunteers): they log in with a second factor.
 */
export const privilegedRoles: readonly Role[] = ['volunteer', 'facilitator', 'planner', 'moderator', 'admin'];
