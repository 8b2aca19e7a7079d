import type { Knex } from 'knex';
import { z } from 'zod';
import { hashPassword } from '../passwords/password';
import { insertUser, updateUserRoleAndPassword, userWithPasswordByEmail } from './auth.queries';

export const adminAccountSchema = z.object({
  email: z.string().trim().pipe(z.email({ message: 'is not a valid email address' })),
  password: z.string().min(8, { message: 'must be at least 8 characters' }).max(128, { message: 'must be at most 128 characters' }),
  name: z.string().trim().min(1).max(80).default('Administrator'),
});
export type AdminAccount = z.infer<typeof adminAccountSchema>;

/** Creates an admin, or promotes the existing account with that email and sets its password. */
export async function createOrPromoteAdmin(db: Knex, account: AdminAccount): Promise<'created' | 'promoted'> {
  const passwordHash = await hashPassword(account.password);
  return db.transaction(async (trx) => {
    const existing = await userWithPasswordByEmail(trx, account.email);
    if (existing) {
      await updateUserRoleAndPassword(trx, existing.id, 'admin', passwordHash);
      return 'promoted';
    }
    await insertUser(trx, { email: account.email, displayName: account.name, passwordHash, preferredLocale: 'lv', role: 'admin', emailVerified: true });
    return 'created';
  });
}
