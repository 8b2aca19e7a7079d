import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { ifNobodyElseIs } from '../db/advisory-locks';
import { deleteExpiredSessions } from '../auth/sessions.queries';
import { deleteExpiredRateLimits } from '../http/rate-limit-store';
import { deleteStaleAccountTokens } from '../verification/verification.queries';
import { deleteExpiredWorkshopParticipants } from '../workshops/workshops.service';

/**
 * One housekeeping round: removes expired sessions, rate-limit windows and old email links, and
 * the participants of workshops closed longer ago than the retention period. Every process has
 * the timer; a round that finds another process's round still running skips (`ran: false`).
 */
export async function runHousekeepingRound(db: Knex, options: { workshopParticipantRetentionDays: number }): Promise<{ ran: boolean }> {
  return ifNobodyElseIs(db, 'housekeeping', () =>
    Promise.all([
      deleteExpiredSessions(db),
      deleteExpiredRateLimits(db),
      deleteStaleAccountTokens(db),
      deleteExpiredWorkshopParticipants(db, options.workshopParticipantRetentionDays),
    ]),
  );
}

/** A housekeeping round every quarter of an hour. */
export function startHousekeeping(db: Knex, logger: Logger, options: { workshopParticipantRetentionDays: number }, intervalMs = 15 * 60 * 1000): { stop(): void } {
  const timer = setInterval(() => {
    runHousekeepingRound(db, options).catch((error) => logger.warn({ err: error }, 'housekeeping failed'));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
