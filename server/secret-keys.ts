import { createHash, hkdfSync } from 'node:crypto';

/** An AES-256 key and the id stored beside every secret it encrypts. */
export interface TotpKey {
  id: string;
  key: Buffer;
}

/** The key new secrets are encrypted with, and older keys that may still be read (until a rotation). */
export interface TotpKeyring {
  current: TotpKey;
  previous: TotpKey[];
}

// Derived from the key itself, so that a key id never needs configuring and a wrong key is told apart from a missing one.
const keyIdOf = (key: Buffer) => createHash('sha256').update('kopa totp key id\0').update(key).digest('hex').slice(0, 16);

export const totpKey = (key: Buffer): TotpKey => ({ id: keyIdOf(key), key });

/** 32 bytes written as 64 hex digits or 44 characters of base64; anything else is undefined. */
export function parseKeyMaterial(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

/** HKDF-SHA256 of the session secret: a key of its own, so that neither reveals the other. */
export const keyFromSessionSecret = (sessionSecret: string): TotpKey =>
  totpKey(Buffer.from(hkdfSync('sha256', sessionSecret, 'kopa', 'totp-secret-encryption', 32)));

/**
 * TOTP_ENCRYPTION_KEY when set, else the key derived from SESSION_SECRET. With an explicit key
 * the derived one stays readable, so moving to an explicit key is one `npm run rotate-totp-key`.
 */
export function totpKeyring(sessionSecret: string, explicit: Buffer | undefined, previous: Buffer[]): TotpKeyring {
  const derived = keyFromSessionSecret(sessionSecret);
  const current = explicit ? totpKey(explicit) : derived;
  const older = [...previous.map(totpKey), ...(explicit ? [derived] : [])];
  const unique = older.filter((key, index) => key.id !== current.id && older.findIndex((other) => other.id === key.id) === index);
  return { current, previous: unique };
}

export const keyById = (keyring: TotpKeyring, id: string): TotpKey | undefined => [keyring.current, ...keyring.previous].find((key) => key.id === id);
