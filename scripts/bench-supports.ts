import { createHmac, randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
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

export interface BurstFigures {
  supports: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  answered2xx: number;
  before: number;
  after: number;
}

/** Every resident supports the same idea at once (50 connections); the count must grow by exactly as many. */
export async function measureSupportBurst(url: string, ideaId: number, residents: { cookie: string; csrf: string }[]): Promise<BurstFigures> {
  const supportCount = async () => ((await (await fetch(`${url}/api/ideas/${ideaId}`)).json()) as { supportCount: number }).supportCount;
  const before = await supportCount();
  let nextResident = 0;
  const burst = await autocannon({
    url: `${url}/ideas/${ideaId}/support`,
    connections: 50,
    amount: residents.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const resident = residents[nextResident++ % residents.length];
          return {
            ...request,
            headers: { ...request.headers, cookie: resident.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
            body: `_csrf=${resident.csrf}`,
          };
        },
      },
    ],
  });
  return {
    supports: residents.length,
    requestsPerSecond: burst.requests.average,
    p50: burst.latency.p50,
    p99: burst.latency.p99,
    answered2xx: burst['2xx'],
    before,
    after: await supportCount(),
  };
}
