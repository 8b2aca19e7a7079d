import { createHmac, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { hashPassword } from '../server/passwords/password';
import { privilegedRoles, type Role } from '../server/auth/roles';
import { newTotpSecret } from '../server/two-factor/totp';

/**
 * Creates `count` residents who are already logged in: a session row each (as express-session
 * and passport would store it) and the signed cookie a browser would send, so the burst
 * measures supporting, not logging in.
 */
export async function loggedInResidents(db: Knex, count: number, secret: string, role: Role = 'resident'): Promise<{ cookie: string; csrf: string }[]> {
  const passwordHash = await hashPassword('bench resident password');
  // Verified accounts; staff with TOTP set up and the second step passed in their session.
  const staff = privilegedRoles.includes(role);
  const now = Date.now();
  const users: { id: number }[] = await db('users')
    .insert(
      Array.from({ length: count }, (_, index) => ({
        email: `${role}${index}@bench.lv`,
        display_name: `Supporter ${index}`,
        password_hash: passwordHash,
        role,
        email_verified_at: new Date(now),
        ...(staff ? { totp_secret: newTotpSecret(), totp_enabled_at: new Date(now) } : {}),
      })),
    )
    .returning('id');
  const expires = new Date(Date.now() + 3_600_000);
  const residents = users.map((user) => ({ userId: user.id, sid: randomBytes(18).toString('base64url'), csrf: randomBytes(32).toString('hex') }));
  await db('sessions').insert(
    residents.map((resident) => ({
      sid: resident.sid,
      expired: expires,
      sess: JSON.stringify({
        cookie: { originalMaxAge: 3_600_000, expires: expires.toISOString(), httpOnly: true, path: '/', sameSite: 'lax' },
        passport: { user: resident.userId },
        csrfToken: resident.csrf,
        loggedInAt: now,
        lastSeenAt: now,
        ...(staff ? { secondFactorAt: now } : {}),
      }),
    })),
  );
  // express-session's cookie: "s:" + sid + "." + HMAC-SHA256(sid) in base64 without padding.
  const sign = (sid: string) => `s:${sid}.${createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '')}`;
  return residents.map((resident) => ({ cookie: `kopa.sid=${encodeURIComponent(sign(resident.sid))}`, csrf: resident.csrf }));
}
