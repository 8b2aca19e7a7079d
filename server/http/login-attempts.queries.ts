import type { Knex } from 'knex';

/*
 * The tables behind the login delays (http/password-attempts.ts): wrong-password counters,
 * keyed by hashes of the email and of the address, and the (hashed) addresses each account
 * has logged in from with its password.
 */

export interface LoginFailureCounter {
  failures: number;
  lastFailureAt: Date | null;
}

/** The wrong-password counters under these keys, created at zero when missing and locked until the transaction ends. */
export async function lockLoginCounters(trx: Knex, keys: string[]): Promise<Map<string, LoginFailureCounter>> {
  const sorted = [...keys].sort();
  // In key order, as every caller does, so that two attempts never wait for each other's rows crosswise.
  await trx('login_delays')
    .insert(sorted.map((key) => ({ key, failures: 0 })))
    .onConflict('key')
    .ignore();
  const rows: { key: string; failures: number; last_failure_at: Date | string | null }[] = await trx('login_delays')
    .whereIn('key', sorted)
    .orderBy('key')
    .forUpdate()
    .select('key', 'failures', 'last_failure_at');
  return new Map(rows.map((row) => [row.key, { failures: Number(row.failures), lastFailureAt: row.last_failure_at === null ? null : new Date(row.last_failure_at) }]));
}

export async function setLoginCounter(trx: Knex, key: string, counter: LoginFailureCounter): Promise<void> {
  await trx('login_delays').where({ key }).update({ failures: counter.failures, last_failure_at: counter.lastFailureAt });
}

/** An attempt counted in advance turned out right: it no longer counts as a failure. */
export async function uncountLoginFailure(db: Knex, key: string): Promise<void> {
  await db('login_delays').where({ key }).andWhere('failures', '>', 0).decrement('failures', 1);
}

export async function forgetLoginCounter(db: Knex, key: string): Promise<void> {
  await db('login_delays').where({ key }).delete();
}

/** Counters are forgotten a day after their last failure (defaultLoginDelayRules.forgetAfterMs). */
export async function deleteStaleLoginCounters(db: Knex): Promise<void> {
  await db('login_delays').where((where) => where.whereNull('last_failure_at').orWhere('last_failure_at', '<', db.raw(`now() - interval '1 day'`))).delete();
}

/** The counters of one email (its sha256), when its account is erased. */
export async function deleteLoginCountersOfEmail(trx: Knex, emailHash: string): Promise<void> {
  await trx('login_delays').whereRaw('strpos(key, ?) > 0', [emailHash]).delete();
}

/** Whether the account with this email has logged in with its password from this (hashed) address before. */
export async function isKnownLoginAddress(db: Knex, email: string, addressHash: string): Promise<boolean> {
  const row = await db('known_login_addresses')
    .join('users', 'users.id', 'known_login_addresses.user_id')
    .whereRaw('lower(users.email) = lower(?)', [email])
    .where('known_login_addresses.address_hash', addressHash)
    .first('known_login_addresses.user_id');
  return row !== undefined;
}

// Enough for home, work, phone and travels; the oldest beyond it are forgotten.
const knownAddressesKept = 20;

/** Remembers a (hashed) address the account logged in from with its password. */
export async function rememberLoginAddress(db: Knex, userId: number, addressHash: string, at: Date): Promise<void> {
  await db('known_login_addresses')
    .insert({ user_id: userId, address_hash: addressHash, last_login_at: at })
    .onConflict(['user_id', 'address_hash'])
    .merge({ last_login_at: at });
  const kept = db('known_login_addresses').where({ user_id: userId }).orderBy('last_login_at', 'desc').limit(knownAddressesKept).select('address_hash');
  await db('known_login_addresses').where({ user_id: userId }).whereNotIn('address_hash', kept).delete();
}

export async function forgetLoginAddressesOf(trx: Knex, userId: number): Promise<void> {
  await trx('known_login_addresses').where({ user_id: userId }).delete();
}
