import type { Knex } from 'knex';
import { FormError } from '../http/forms';
import { isUniqueViolation } from '../db/errors';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../passwords/password';
import { insertUser, recordLogin, userWithPasswordByEmail } from './auth.queries';
import type { SessionUser } from './session-user';
import type { Registration } from './auth.schema';
import { enqueueVerificationEmail } from '../verification/verification-email';

/** Creates a resident and, in the same transaction, the job that emails the verification link. */
export async function registerAccount(db: Knex, registration: Registration): Promise<SessionUser> {
  const passwordHash = await hashPassword(registration.password);
  try {
    return await db.transaction(async (trx) => {
      const user = await insertUser(trx, { ...registration, passwordHash });
      await enqueueVerificationEmail(trx, user.id);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FormError({ email: 'auth:validation.emailTaken' });
    throw error;
  }
}

/** The user for a correct email and password, else undefined; unknown emails cost the same time. */
export async function verifyCredentials(db: Knex, email: string, password: string): Promise<SessionUser | undefined> {
  const user = await userWithPasswordByEmail(db, email);
  if (!user) {
    await verifyPassword(await decoyPasswordHash(), password);
    return undefined;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return undefined;
  await recordLogin(db, user.id);
  const { passwordHash: _passwordHash, ...sessionUser } = user;
  return sessionUser;
}
