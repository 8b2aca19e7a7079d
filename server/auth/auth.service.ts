import type { Knex } from 'knex';
import { AppError } from '../http/errors';
import { isUniqueViolation } from '../db/errors';
import { decoyPasswordHash, hashPassword, verifyPassword } from './password';
import { insertUser, recordLogin, userWithPasswordByEmail, type SessionUser } from './auth.queries';
import type { Registration } from './auth.schema';

export class EmailTakenError extends AppError {
  constructor() {
    super(409, 'email_taken', 'auth:validation.emailTaken');
  }
}

export async function registerAccount(db: Knex, registration: Registration): Promise<SessionUser> {
  const passwordHash = await hashPassword(registration.password);
  try {
    return await insertUser(db, { ...registration, passwordHash });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
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
