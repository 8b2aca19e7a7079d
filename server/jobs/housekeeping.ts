import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { deleteExpiredSessions } from '../auth/sessions.queries';
import { deleteExpiredRateLimits } from '../http/rate-limit-store';
import { deleteStaleAccountTokens } from '../verification/verification.queries';
import { deleteExpiredWorkshopParticipants } from '../workshops/workshops.service';

/**
 * Every quarter of an hour: removes expired sessions, rate-limit windows and old email links,
 * and the participants of workshops closed longer ago than the retention period.
 */
export function startHousekeeping(db: Knex, logger: Logger, options: { workshopParticipantRetentionDays: number }, intervalMs = 15 * 60 * 1000): { stop(): void } {
  const timer = setInterval(() => {
    Promise.all([
      deleteExpiredSessions(db),
      deleteExpiredRateLimits(db),
      deleteStaleAccountTokens(db),
      deleteExpiredWorkshopParticipants(db, options.workshopParticipantRetentionDays),
    ]).catch((error) => logger.warn({ err: error }, 'housekeeping failed'));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
