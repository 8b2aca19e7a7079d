import { importRoles, type Role } from '../auth/roles';

/** Facilitators and staff import files of ideas from events; volunteers only type ideas in, planners neither. */
export const mayImportIdeas = (role: Role | undefined) => Boolean(role && importRoles.includes(role));
