import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { Role } from './roles';
import type { SessionUser } from './session-user';

interface UserRow {
  id: number;
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  preferred_locale: Locale;
  blocked_at: Date | null;
  email_verified_at: Date | null;
  totp_enabled_at: Date | null;
}

const toSessionUser = (row: UserRow): SessionUser => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  preferredLocale: row.preferred_locale,
  blockedAt: row.blocked_at,
  emailVerified: row.email_verified_at !== null,
  totpEnabled: row.totp_enabled_at !== null,
});

export async function userById(db: Knex, id: number): Promise<SessionUser | undefined> {
  // An erased account has no user: its old sessions are simply logged out.
  const row = await db<UserRow>('users').where({ id }).whereNull('deleted_at').first();
  return row ? toSessionUser(row) : undefined;
}

export async function userWithPasswordByEmail(db: Knex, email: string): Promise<(SessionUser & { passwordHash: string }) | undefined> {
  const row = await db<UserRow>('users').whereRaw('lower(email) = lower(?)', [email]).first();
  return row ? { ...toSessionUser(row), passwordHash: row.password_hash } : undefined;
}

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  preferredLocale: Locale;
  role?: Role;
  emailVerified?: boolean;
}

export async function insertUser(db: Knex, user: NewUser): Promise<SessionUser> {
  const [row] = await db<UserRow>('users')
    .insert({
      email: user.email,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      preferred_locale: user.preferredLocale,
      role: user.role ?? 'resident',
      email_verified_at: user.emailVerified ? db.fn.now() : null,
    })
    .returning('*');
  return toSessionUser(row);
}

export async function recordLogin(db: Knex, id: number): Promise<void> {
  await db('users').where({ id }).update({ last_login_at: db.fn.now() });
}

export async function updateUserRoleAndPassword(db: Knex, id: number, role: Role, passwordHash: string): Promise<void> {
  await db('users').where({ id }).update({ role, password_hash: passwordHash, updated_at: db.fn.now() });
}
