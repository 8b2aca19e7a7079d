import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A participant is known by a cookie holding only their id and an HMAC that binds it to one
 * workshop: a cookie copied to another workshop, or altered, does not verify. The cookie's path
 * is the workshop's own (/w/CODE), so a browser sends it nowhere else.
 */
export const participantCookieName = 'kopa.wp';

function mac(secret: string, purpose: string, workshopId: number, participantId: number): string {
  return createHmac('sha256', secret).update(`${purpose}:${workshopId}:${participantId}`).digest('base64url');
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function participantCookieValue(secret: string, workshopId: number, participantId: number): string {
  return `${participantId}.${mac(secret, 'workshop-participant', workshopId, participantId)}`;
}

/** The participant id in a cookie that verifies for this workshop, else undefined. */
export function participantIdFromCookie(secret: string, workshopId: number, value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{1,15})\.([\w-]{43})$/.exec(value);
  if (!match) return undefined;
  const participantId = Number(match[1]);
  return equal(match[2], mac(secret, 'workshop-participant', workshopId, participantId)) ? participantId : undefined;
}

/** Participants have no session, so their forms carry a token derived from who they are instead. */
export function participantFormToken(secret: string, workshopId: number, participantId: number): string {
  return mac(secret, 'workshop-form', workshopId, participantId);
}

export function isParticipantFormToken(secret: string, workshopId: number, participantId: number, token: unknown): boolean {
  return typeof token === 'string' && equal(token, participantFormToken(secret, workshopId, participantId));
}
