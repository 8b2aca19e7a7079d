import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyById, type TotpKeyring } from './secret-keys';

/** A TOTP secret as stored: AES-256-GCM ciphertext ("v1.iv.tag.data", base64url) and its key's id. */
export interface SealedSecret {
  keyId: string;
  ciphertext: string;
}

/** The key a secret names is not configured, or the secret does not decrypt with it (wrong key, altered row). */
export class UnreadableSecretError extends Error {
  constructor(
    readonly reason: 'unknown key' | 'does not decrypt',
    readonly keyId: string | null,
  ) {
    super(reason === 'unknown key' ? `key ${keyId ?? '(none)'} is not configured` : `it does not decrypt with key ${keyId}`);
  }
}

const algorithm = 'aes-256-gcm';

// The account id is authenticated with the secret: a ciphertext copied onto another account does not open there.
const associatedData = (userId: number) => Buffer.from(`users.totp_secret:${userId}`);

export function sealSecret(keyring: TotpKeyring, userId: number, secret: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv(algorithm, keyring.current.key, iv);
  cipher.setAAD(associatedData(userId));
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'));
  return { keyId: keyring.current.id, ciphertext: `v1.${parts.join('.')}` };
}

export function openSecret(keyring: TotpKeyring, userId: number, sealed: { keyId: string | null; ciphertext: string }): string {
  const key = sealed.keyId === null ? undefined : keyById(keyring, sealed.keyId);
  if (!key) throw new UnreadableSecretError('unknown key', sealed.keyId);
  const [version, iv, tag, data] = sealed.ciphertext.split('.');
  try {
    if (version !== 'v1' || data === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv(algorithm, key.key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(associatedData(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new UnreadableSecretError('does not decrypt', key.id);
  }
}
