import type { Knex } from 'knex';
import { hashPassword } from '../../server/auth/password';
import type { Role } from '../../server/auth/roles';
import type { Locale } from '../../server/config';

let sequence = 0;

export interface BuiltUser {
  id: number;
  email: string;
  password: string;
  displayName: string;
}

/** A user with escaping traps in the name, unless told otherwise. */
export async function buildUser(
  db: Knex,
  overrides: { email?: string; password?: string; displayName?: string; role?: Role; preferredLocale?: Locale } = {},
): Promise<BuiltUser> {
  sequence += 1;
  const email = overrides.email ?? `user${sequence}.${Date.now()}@example.lv`;
  const password = overrides.password ?? 'correct horse battery';
  const displayName = overrides.displayName ?? `<script>alert(${sequence})</script> =HYPERLINK("http://evil","x")`;
  const [row] = await db('users')
    .insert({
      email,
      display_name: displayName,
      password_hash: await hashPassword(password),
      role: overrides.role ?? 'resident',
      preferred_locale: overrides.preferredLocale ?? 'lv',
    })
    .returning('id');
  return { id: row.id, email, password, displayName };
}
