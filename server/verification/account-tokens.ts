import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { accountTokenById, insertAccountToken, lockAccountToken, markAccountTokensUsed, type AccountTokenRow } from './verification.queries';

export type TokenPurpose = 'verify_email' | 'reset_password';

export const tokenLifetimesMs: Record<TokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
};

export type TokenCheck = { status: 'valid'; tokenId: number; userId: number } | { status: 'invalid' | 'expired' | 'used' };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const signature = (secret: string, purpose: TokenPurpose, body: string) => createHmac('sha256', secret).update(`${purpose}:${body}`).digest('base64url');

/**
 * A link token "<id>.<random>.<signature>": signed with the session secret (a changed
 * character is refused before the database is asked) and single-use through its row, which
 * keeps only a hash of the random part and an expiry.
 */
export async function issueAccountToken(db: Knex, secret: string, userId: number, purpose: TokenPurpose, now = new Date()): Promise<string> {
  const random = randomBytes(32).toString('base64url');
  const id = await insertAccountToken(db, { userId, purpose, tokenHash: sha256(random), expiresAt: new Date(now.getTime() + tokenLifetimesMs[purpose]) });
  const body = `${id}.${random}`;
  return `${body}.${signature(secret, purpose, body)}`;
}

function parse(secret: string, purpose: TokenPurpose, token: unknown): { id: number; random: string } | undefined {
  if (typeof token !== 'string') return undefined;
  const match = /^(\d{1,15})\.([\w-]{43})\.([\w-]{43})$/.exec(token);
  if (!match) return undefined;
  const [, id, random, given] = match;
  const expected = signature(secret, purpose, `${id}.${random}`);
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
  return { id: Number(id), random };
}

function judge(row: AccountTokenRow | undefined, random: string, now: Date): TokenCheck {
  if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(sha256(random)))) return { status: 'invalid' };
  if (row.used_at) return { status: 'used' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { status: 'expired' };
  return { status: 'valid', tokenId: row.id, userId: row.user_id };
}

/** Looks at a token without using it (the page behind the link shows a form first). */
export async function checkAccountToken(db: Knex, secret: string, purpose: TokenPurpose, token: unknown, now = new Date()): Promise<TokenCheck> {
  const parsed = parse(secret, purpose, token);
  if (!parsed) return { status: 'invalid' };
  return judge(await accountTokenById(db, parsed.id, purpose), parsed.random, now);
}

/** Uses a token inside the caller's transaction: its row is locked, so it works once only. */
export async function consumeAccountToken(trx: Knex, secret: string, purpose: TokenPurpose, token: unknown, now = new Date()): Promise<TokenCheck> {
  const parsed = parse(secret, purpose, token);
  if (!parsed) return { status: 'invalid' };
  const check = judge(await lockAccountToken(trx, parsed.id, purpose), parsed.random, now);
  if (check.status !== 'valid') return check;
  // Every other open link of the same kind for this account ends with it.
  await markAccountTokensUsed(trx, check.userId, purpose, now);
  return check;
}
