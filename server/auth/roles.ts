export const roles = ['resident', 'moderator', 'admin'] as const;
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['moderator', 'admin'];
