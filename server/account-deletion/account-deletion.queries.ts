import type { Knex } from 'knex';
import type { Role } from '../auth/roles';

/** What an admin sees of an account before erasing it. */
export interface ErasableUser {
  id: number;
  displayName: string;
  role: Role;
  createdAt: Date;
}

const erasableColumns = ['id', 'display_name as displayName', 'role', 'created_at as createdAt'];

export async function erasableUserById(db: Knex, id: number): Promise<ErasableUser | undefined> {
  return db('users').where({ id }).whereNull('deleted_at').first(erasableColumns);
}

export async function erasableUserByEmail(db: Knex, email: string): Promise<ErasableUser | undefined> {
  return db('users').whereRaw('lower(email) = lower(?)', [email]).whereNull('deleted_at').first(erasableColumns);
}
