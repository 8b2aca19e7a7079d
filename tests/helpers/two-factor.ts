import type { Knex } from 'knex';
import { generateSync } from 'otplib';
import { loadConfig } from '../../server/config';
import type { TotpKeyring } from '../../server/secret-keys';

interface TotpAccount {
  db: Knex;
  id: number;
  secret: string;
}

// The keys of the app on each test database, so that the factories store secrets as that app reads them.
const keyringsByDatabase = new WeakMap<Knex, TotpKeyring>();
let defaultKeyring: TotpKeyring | undefined;

export function useTotpKeysFor(db: Knex, keys: TotpKeyring): void {
  keyringsByDatabase.set(db, keys);
}

export function totpKeysFor(db: Knex): TotpKeyring {
  defaultKeyring ??= loadConfig({ NODE_ENV: 'test' }).totpKeys;
  return keyringsByDatabase.get(db) ?? defaultKeyring;
}

// Accounts made by buildUser in this test file, by email: login helpers find their secret here.
const accounts = new Map<string, TotpAccount>();

export function rememberTotpAccount(email: string, account: TotpAccount): void {
  accounts.set(email.toLowerCase(), account);
}

export function totpAccountFor(email: string): TotpAccount | undefined {
  return accounts.get(email.toLowerCase());
}

const stepSeconds = 30;

export function totpCodeForStep(secret: string, step: number): string {
  return generateSync({ secret, epoch: step * stepSeconds });
}

/**
 * A valid code the server has not seen yet, for the login helpers. The real check refuses a
 * time step not later than the last one used, and accepts the current and the next step; so
 * the helper takes the current step, else the next one. A test that logs the same person in
 * more than twice within 30 seconds would run out of steps: then the helper moves that
 * account's record of used steps back (test data only; the check itself is unchanged).
 */
export async function unusedTotpCode(email: string): Promise<string> {
  const account = totpAccountFor(email);
  if (!account) throw new Error(`no TOTP secret known for ${email}: build the user with buildUser`);
  const current = Math.floor(Date.now() / 1000 / stepSeconds);
  const row = await account.db('users').where({ id: account.id }).first('totp_last_step');
  const lastUsed = row?.totp_last_step === null || row?.totp_last_step === undefined ? -1 : Number(row.totp_last_step);
  if (lastUsed < current) return totpCodeForStep(account.secret, current);
  if (lastUsed < current + 1) return totpCodeForStep(account.secret, current + 1);
  await account.db('users').where({ id: account.id }).update({ totp_last_step: current - 1 });
  return totpCodeForStep(account.secret, current);
}
