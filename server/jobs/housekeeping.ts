import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { deleteExpiredRateLimits } from '../http/rate-limit-store';
import { deleteStaleAccountTokens } from '../account-tokens/account-tokens';

export async function deleteExpiredSessions(db: Knex): Promise<void> {
  await db('sessions').where('expired', '<', db.fn.now()).delete();
}

/** Removes expired sessions, rate-limit windows and old email links every quarter of an hour. */
export function startHousekeeping(db: Knex, logger: Logger, intervalMs = 15 * 60 * 1000): { stop(): void } {
  const timer = setInterval(() => {
    Promise.all([deleteExpiredSessions(db), deleteExpiredRateLimits(db), deleteStaleAccountTokens(db)]).catch((error) => logger.warn({ err: error }, 'housekeeping failed'));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
