import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { hashPassword, verifyPassword } from '../passwords/password';
import { claimTotpStep, setTotp } from '../auth/auth.queries';
import { FormError } from '../http/forms';
import type { CurrentPasswordCheck } from '../http/password-attempts';
import { openSecret, sealSecret } from '../secret-box';
import type { TotpKeyring } from '../secret-keys';
import { looksLikeTotpCode, matchingTimeStep } from './totp';
import { deleteRecoveryCodesOf, markRecoveryCodeUsed, replaceRecoveryCodeHashes, totpStateOf, unusedRecoveryCodes } from './two-factor.queries';

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
async function replaceRecoveryCodes(trx: Knex, userId: number): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((code) => hashPassword(normalisedCode(code))));
  await replaceRecoveryCodeHashes(trx, userId, hashes);
  return codes;
}

/**
 * Claims the code's time step in one statement: of two requests with the same code (or a
 * code replayed within its window) only the first passes.
 */
export async function useTotpCode(db: Knex, keys: TotpKeyring, userId: number, code: string): Promise<boolean> {
  const row = await totpStateOf(db, userId);
  if (!row) return false;
  const secret = openSecret(keys, userId, { keyId: row.totp_key_id, ciphertext: row.totp_secret });
  const step = matchingTimeStep(secret, normalisedTotpInput(code), row.totp_last_step);
  if (step === undefined) return false;
  return claimTotpStep(db, userId, step);
}

export async function useRecoveryCode(db: Knex, userId: number, input: string): Promise<boolean> {
  const code = normalisedCode(input);
  if (code.length !== 12) return false;
  for (const candidate of await unusedRecoveryCodes(db, userId)) {
    if (!(await verifyPassword(candidate.code_hash, code))) continue;
    return markRecoveryCodeUsed(db, candidate.id);
  }
  return false;
}

/** A six-digit code from the app, or else one of the recovery codes. */
export async function useSecondFactor(db: Knex, keys: TotpKeyring, userId: number, input: unknown): Promise<boolean> {
  if (typeof input !== 'string' || input.length > 40) return false;
  return looksLikeTotpCode(normalisedTotpInput(input)) ? useTotpCode(db, keys, userId, input) : useRecoveryCode(db, userId, input);
}

/** Refuses, as a problem of the code field, unless the code is right and unused. */
export async function proveSecondFactor(db: Knex, keys: TotpKeyring, userId: number, code: string): Promise<void> {
  if (!(await useSecondFactor(db, keys, userId, code))) throw new FormError({ code: 'two-factor:code.failed' });
}

/** Turns TOTP on with a secret the person has just proved they hold (the code's step counts as used). */
export async function enableTwoFactor(db: Knex, keys: TotpKeyring, userId: number, secret: string, code: string): Promise<string[]> {
  const step = matchingTimeStep(secret, normalisedTotpInput(code));
  if (step === undefined) throw new FormError({ code: 'two-factor:setup.wrongCode' });
  return db.transaction(async (trx) => {
    await setTotp(trx, userId, { sealed: sealSecret(keys, userId, secret), lastStep: step });
    return replaceRecoveryCodes(trx, userId);
  });
}

/** New recovery codes in place of all the old ones, which stop working at once; they need a code right now. */
export async function renewRecoveryCodes(db: Knex, keys: TotpKeyring, userId: number, code: string): Promise<string[]> {
  await proveSecondFactor(db, keys, userId, code);
  return db.transaction((trx) => replaceRecoveryCodes(trx, userId));
}

/** A resident turns the second factor off again, with their password (counted as a login attempt). */
export async function turnOffTwoFactor(db: Knex, userId: number, password: string, currentPasswordIs: CurrentPasswordCheck): Promise<void> {
  if (!(await currentPasswordIs(password))) throw new FormError({ password: 'two-factor:disable.wrongPassword' });
  await disableTwoFactor(db, userId);
}

export async function disableTwoFactor(db: Knex, userId: number): Promise<void> {
  await db.transaction(async (trx) => {
    await setTotp(trx, userId, null);
    await deleteRecoveryCodesOf(trx, userId);
  });
}
