import { createHmac, timingSafeEqual } from 'node:crypto';

export const unsubscribeKinds = ['comments', 'updates'] as const;
export type UnsubscribeKind = (typeof unsubscribeKinds)[number];

const signature = (secret: string, userId: number, kind: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${userId}:${kind}`).digest('base64url');

/** A link token that turns off one kind of email for one person, valid without logging in. */
export function unsubscribeToken(secret: string, userId: number, kind: UnsubscribeKind): string {
  return `${userId}.${kind}.${signature(secret, userId, kind)}`;
}

export function verifyUnsubscribeToken(secret: string, token: unknown): { userId: number; kind: UnsubscribeKind } | undefined {
  if (typeof token !== 'string') return undefined;
  const match = /^(\d{1,15})\.(comments|updates)\.([\w-]{43})$/.exec(token);
  if (!match) return undefined;
  const [, id, kind, given] = match;
  const expected = signature(secret, Number(id), kind);
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
  return { userId: Number(id), kind: kind as UnsubscribeKind };
}
