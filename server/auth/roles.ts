export const roles = ['resident', 'facilitator', 'moderator', 'admin'] as const;
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['moderator', 'admin'];
/** Roles that run youth workshops (staff may too). */
export const workshopRoles: readonly Role[] = ['facilitator', 'moderator', 'admin'];
/** Roles that run or moderate something: they log in with a second factor. */
export const privilegedRoles: readonly Role[] = ['facilitator', 'moderator', 'admin'];
