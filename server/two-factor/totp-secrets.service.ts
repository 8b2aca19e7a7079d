import type { Knex } from 'knex';
import { replaceTotpSecret } from '../auth/auth.queries';
import { openSecret, sealSecret, UnreadableSecretError } from '../secret-box';
import type { TotpKeyring } from '../secret-keys';
import { storedTotpSecrets, type StoredTotpSecret } from './two-factor.queries';

const batchSize = 200;

/** A stored secret that cannot be read with the configured keys: the app must not start. */
export class TotpKeyError extends Error {}

async function eachStoredSecret(db: Knex, options: { notKeyId?: string }, visit: (row: StoredTotpSecret) => Promise<void>): Promise<void> {
  for (let afterUserId = 0; ; ) {
    const rows = await storedTotpSecrets(db, { afterUserId, limit: batchSize, ...options });
    for (const row of rows) await visit(row);
    if (rows.length < batchSize) return;
    afterUserId = rows[rows.length - 1].userId;
  }
}

const isPlain = (row: StoredTotpSecret) => row.keyId === null;

function readable(keys: TotpKeyring, row: StoredTotpSecret): string {
  try {
    return isPlain(row) ? row.ciphertext : openSecret(keys, row.userId, { keyId: row.keyId, ciphertext: row.ciphertext });
  } catch (error) {
    if (!(error instanceof UnreadableSecretError)) throw error;
    const hint = error.reason === 'unknown key' ? 'set TOTP_ENCRYPTION_KEY (or TOTP_PREVIOUS_ENCRYPTION_KEYS) to the key it was stored with' : 'the key or the row is not the one it was stored with';
    throw new TotpKeyError(`The second-factor secret of account ${row.userId} cannot be read: ${error.message}; ${hint}.`);
  }
}

/**
 * Run at every start, before the first request: secrets still stored in plain text (from before
 * encryption, or written by a script) are encrypted with the current key, and every stored
 * secret must decrypt with a configured key; otherwise TotpKeyError, and the app stops.
 */
export async function secureTotpSecrets(db: Knex, keys: TotpKeyring): Promise<{ encrypted: number; checked: number }> {
  let encrypted = 0;
  let checked = 0;
  await eachStoredSecret(db, {}, async (row) => {
    const secret = readable(keys, row);
    checked += 1;
    if (isPlain(row) && (await replaceTotpSecret(db, row.userId, row, sealSecret(keys, row.userId, secret)))) encrypted += 1;
  });
  return { encrypted, checked };
}

/**
 * Re-encrypts every secret that is not on the current key yet, one row per statement: an
 * interrupted run leaves each row on either key (both readable) and a second run skips the
 * rows already done. `onRotated` is told after each row.
 */
export async function rotateTotpSecrets(db: Knex, keys: TotpKeyring, onRotated: (userId: number) => void = () => {}): Promise<{ rotated: number }> {
  let rotated = 0;
  await eachStoredSecret(db, { notKeyId: keys.current.id }, async (row) => {
    const secret = readable(keys, row);
    if (await replaceTotpSecret(db, row.userId, row, sealSecret(keys, row.userId, secret))) {
      rotated += 1;
      onRotated(row.userId);
    }
  });
  return { rotated };
}
