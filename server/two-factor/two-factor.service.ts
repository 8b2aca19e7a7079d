import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { hashPassword, verifyPassword } from '../passwords/password';
import { looksLikeTotpCode, matchingTimeStep } from './totp';

export const recoveryCodeCount = 10;
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** "7fkq-m2xa-pp9d": 12 characters from 31, about 59 bits. */
function newRecoveryCode(): string {
  const characters = Array.from({ length: 12 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('');
  return characters.match(/.{4}/g)!.join('-');
}

const normalisedCode = (input: string) => input.toLowerCase().replace(/[\s-]/g, '');
export const normalisedTotpInput = (input: string) => input.replace(/\s/g, '');

/** Replaces all recovery codes of the account; the plain codes are returned once, to be shown. */
export async function replaceRecoveryCodes(trx: Knex, userId: number): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((code) => hashPassword(normalisedCode(code))));
  await trx('recovery_codes').where({ user_id: userId }).delete();
  await trx('recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash })));
  return codes;
}

/**
 * Claims the code's time step in one statement: of two requests with the same code (or a
 * code replayed within its window) only the first passes.
 */
export async function useTotpCode(db: Knex, userId: number, code: string): Promise<boolean> {
  const row = await db('users').where({ id: userId }).whereNotNull('totp_enabled_at').first('totp_secret', 'totp_last_step');
  if (!row) return false;
  const step = matchingTimeStep(row.totp_secret, normalisedTotpInput(code), row.totp_last_step);
  if (step === undefined) return false;
  const claimed = await db('users')
    .where({ id: userId })
    .andWhere((where) => where.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
    .update({ totp_last_step: step })
    .returning('id');
  return claimed.length === 1;
}

export async function useRecoveryCode(db: Knex, userId: number, input: string): Promise<boolean> {
  const code = normalisedCode(input);
  if (code.length !== 12) return false;
  const unused = await db('recovery_codes').where({ user_id: userId }).whereNull('used_at').select('id', 'code_hash');
  for (const candidate of unused) {
    if (!(await verifyPassword(candidate.code_hash, code))) continue;
    const used = await db('recovery_codes').where({ id: candidate.id }).whereNull('used_at').update({ used_at: db.fn.now() }).returning('id');
    return used.length === 1;
  }
  return false;
}

/** A six-digit code from the app, or else one of the recovery codes. */
export async function useSecondFactor(db: Knex, userId: number, input: unknown): Promise<boolean> {
  if (typeof input !== 'string' || input.length > 40) return false;
  return looksLikeTotpCode(normalisedTotpInput(input)) ? useTotpCode(db, userId, input) : useRecoveryCode(db, userId, input);
}

/** Turns TOTP on with a secret the person has just proved they hold (the code's step counts as used). */
export async function enableTwoFactor(db: Knex, userId: number, secret: string, code: string): Promise<string[] | undefined> {
  const step = matchingTimeStep(secret, normalisedTotpInput(code));
  if (step === undefined) return undefined;
  return db.transaction(async (trx) => {
    await trx('users').where({ id: userId }).update({ totp_secret: secret, totp_enabled_at: trx.fn.now(), totp_last_step: step, updated_at: trx.fn.now() });
    return replaceRecoveryCodes(trx, userId);
  });
}

export async function disableTwoFactor(db: Knex, userId: number): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('users').where({ id: userId }).update({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: trx.fn.now() });
    await trx('recovery_codes').where({ user_id: userId }).delete();
  });
}

export async function unusedRecoveryCodeCount(db: Knex, userId: number): Promise<number> {
  const [{ count }] = await db('recovery_codes').where({ user_id: userId }).whereNull('used_at').count({ count: '*' });
  return Number(count);
}
