import { roles, type Role } from '../../server/auth/roles';

/**
 * Everyone a role × action table covers: a visitor who is not logged in, then every role the
 * app knows (taken from the app, so that a new role joins every table by itself).
 */
export const everyone = ['visitor', ...roles] as const;
export type Someone = (typeof everyone)[number];

export type { Role };
