import type { Knex } from 'knex';
import { hashPassword } from '../../server/passwords/password';
import { privilegedRoles, type Role } from '../../server/auth/roles';
import type { Locale } from '../../server/config';
import { newTotpSecret } from '../../server/two-factor/totp';
import { rememberTotpAccount, totpKeysFor } from '../helpers/two-factor';
import { sealSecret } from '../../server/secret-box';

let sequence = 0;

export interface BuiltUser {
  id: number;
  email: string;
  password: string;
  displayName: string;
  /** The TOTP secret when the account has a second factor (staff by default). */
  totpSecret?: string;
}

export interface UserOverrides {
  email?: string;
  password?: string;
  displayName?: string;
  role?: Role;
  preferredLocale?: Locale;
  verified?: boolean;
  totp?: boolean;
}

// argon2 at the app's real cost takes ~0.1 s of CPU a hash; most test users share a password,
// so each password is hashed once per file. Logins still verify against a real argon2 hash.
const hashes = new Map<string, Promise<string>>();
function hashedOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
}

/**
 * A user with escaping traps in the name, unless told otherwise. Accounts are verified by
 * default (`verified: false` for one that is not); staff (facilitators, moderators, admins)
 * have TOTP set up by default (`totp: false` for one who has not set it up yet), and
 * residents can ask for it with `totp: true`.
 */
export async function buildUser(
  db: Knex,
  overrides: UserOverrides = {},
): Promise<BuiltUser> {
  sequence += 1;
  const email = overrides.email ?? `user${sequence}.${Date.now()}@example.lv`;
  const password = overrides.password ?? 'correct horse battery';
  const displayName = overrides.displayName ?? `<script>alert(${sequence})</script> =HYPERLINK("http://evil","x")`;
  const role = overrides.role ?? 'resident';
  const withTotp = overrides.totp ?? privilegedRoles.includes(role);
  const totpSecret = withTotp ? newTotpSecret() : undefined;
  const [row] = await db('users')
    .insert({
      email,
      display_name: displayName,
      password_hash: await hashedOnce(password),
      role,
      preferred_locale: overrides.preferredLocale ?? 'lv',
      email_verified_at: overrides.verified === false ? null : db.fn.now(),
    })
    .returning('id');
  if (totpSecret) {
    // Encrypted as the app stores it: the key authenticates the account id too, so after the insert.
    const sealed = sealSecret(totpKeysFor(db), row.id, totpSecret);
    await db('users').where({ id: row.id }).update({ totp_secret: sealed.ciphertext, totp_key_id: sealed.keyId, totp_enabled_at: db.fn.now() });
    rememberTotpAccount(email, { db, id: row.id, secret: totpSecret });
  }
  return { id: row.id, email, password, displayName, ...(totpSecret ? { totpSecret } : {}) };
}
