import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { AccountRecipient } from '../mail/account-email';
import type { Role } from './roles';
import type { SessionUser } from './session-user';
import type { SealedSecret } from '../secret-box';
import { forgetLoginAddressesOf } from '../http/login-attempts.queries';

export interface UserRow {
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

export const toSessionUser = (row: Omit<UserRow, 'password_hash'>): SessionUser => ({
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

/*
 * Writes and locks that other features make on accounts (passwords, two-factor, staff user
 * management, verification, notifications, erasure …): the users table is written and locked
 * only in this module.
 */

export interface LockedAccount {
  id: number;
  email: string | null;
  displayName: string | null;
  role: Role;
  blockedAt: Date | null;
  totpEnabledAt: Date | null;
  deletedAt: Date | null;
}

/**
 * Locks the account's row and reads it; with `activeOnly` an erased account counts as none.
 * Changes to one account (its supports, its blocking, its erasure) are then taken one at a time.
 * "No key update", not "update": a row that merely refers to the
 * account (a comment, a support) checks its key with a key-share lock, and must not wait for us while
 * holding an idea we wait for (that deadlocked a support and a comment made at once).
 */
export async function lockAccount(trx: Knex, id: number, options: { activeOnly?: boolean } = {}): Promise<LockedAccount | undefined> {
  const query = trx('users').where({ id });
  if (options.activeOnly) query.whereNull('deleted_at');
  return query
    .forNoKeyUpdate()
    .first('id', 'email', 'display_name as displayName', 'role', 'blocked_at as blockedAt', 'totp_enabled_at as totpEnabledAt', 'deleted_at as deletedAt');
}

export async function setPasswordHash(db: Knex, userId: number, passwordHash: string): Promise<void> {
  await db('users').where({ id: userId }).update({ password_hash: passwordHash, updated_at: db.fn.now() });
}

/** Records that the person proved they read this address (once); true when it was not yet verified. */
export async function markEmailVerified(trx: Knex, userId: number): Promise<boolean> {
  const rows = await trx('users').where({ id: userId }).whereNull('email_verified_at').update({ email_verified_at: trx.fn.now(), updated_at: trx.fn.now() }).returning('id');
  return rows.length === 1;
}

export async function setBlocked(trx: Knex, userId: number, blocked: boolean): Promise<void> {
  await trx('users').where({ id: userId }).update({ blocked_at: blocked ? trx.fn.now() : null });
}

export async function updateNotificationSettings(db: Knex, userId: number, settings: { notifyComments?: boolean; notifyUpdates?: boolean }): Promise<void> {
  const columns: Record<string, unknown> = {};
  if (settings.notifyComments !== undefined) columns.notify_comments = settings.notifyComments;
  if (settings.notifyUpdates !== undefined) columns.notify_updates = settings.notifyUpdates;
  await db('users').where({ id: userId }).update({ ...columns, updated_at: db.fn.now() });
}

export async function markInactivityWarned(db: Knex, userId: number): Promise<void> {
  await db('users').where({ id: userId }).update({ inactivity_warned_at: db.fn.now() });
}

/** The second factor: an encrypted secret and the time step of its last accepted code, or none (all null). */
export async function setTotp(db: Knex, userId: number, totp: { sealed: SealedSecret; lastStep: number } | null): Promise<void> {
  await db('users').where({ id: userId }).update({
    totp_secret: totp?.sealed.ciphertext ?? null,
    totp_key_id: totp?.sealed.keyId ?? null,
    totp_enabled_at: totp ? db.fn.now() : null,
    totp_last_step: totp?.lastStep ?? null,
    updated_at: db.fn.now(),
  });
}

/**
 * Stores a secret encrypted anew (under the current key), only if the row still holds what was
 * read: a secret changed meanwhile (turned off, set up again) is left alone. True when replaced.
 */
export async function replaceTotpSecret(db: Knex, userId: number, from: { keyId: string | null; ciphertext: string }, to: SealedSecret): Promise<boolean> {
  const query = db('users').where({ id: userId, totp_secret: from.ciphertext });
  if (from.keyId === null) query.whereNull('totp_key_id');
  else query.where({ totp_key_id: from.keyId });
  return (await query.update({ totp_secret: to.ciphertext, totp_key_id: to.keyId }).returning('id')).length === 1;
}

/**
 * Claims a TOTP time step in one statement: of two requests with the same code (or a code
 * replayed within its window) only the first gets true.
 */
export async function claimTotpStep(db: Knex, userId: number, step: number): Promise<boolean> {
  const claimed = await db('users')
    .where({ id: userId })
    .andWhere((where) => where.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
    .update({ totp_last_step: step })
    .returning('id');
  return claimed.length === 1;
}

/**
 * An erased account: the row stays (staff actions and foreign keys refer to it) but loses
 * everything personal and every setting.
 */
export async function anonymiseAccount(trx: Knex, userId: number): Promise<void> {
  await trx('users').where({ id: userId }).update({
    email: null,
    display_name: null,
    password_hash: null,
    role: 'resident',
    email_verified_at: null,
    notify_comments: false,
    notify_updates: false,
    totp_secret: null,
    totp_key_id: null,
    totp_enabled_at: null,
    totp_last_step: null,
    last_login_at: null,
    inactivity_warned_at: null,
    deleted_at: trx.fn.now(),
    updated_at: trx.fn.now(),
  });
  await forgetLoginAddressesOf(trx, userId);
}

/** An account that can still receive email (not erased), in its own language. */
export async function accountRecipient(db: Knex, userId: number): Promise<AccountRecipient | undefined> {
  return db('users')
    .where({ id: userId })
    .whereNull('deleted_at')
    .first('id', 'email', 'display_name as displayName', 'preferred_locale as locale');
}

/** The last admin cannot be erased: nobody could run the site afterwards. */
export async function isLastAdmin(db: Knex, userId: number): Promise<boolean> {
  const user = await db('users').where({ id: userId }).first('role');
  if (user?.role !== 'admin') return false;
  const [{ count }] = await db('users').where({ role: 'admin' }).whereNull('deleted_at').count({ count: '*' });
  return Number(count) <= 1;
}
