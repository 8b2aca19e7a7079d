import type { Knex } from 'knex';
import type { Logger } from '../logger';
import { deleteExpiredRateLimits } from '../http/rate-limit-store';
import { deleteExpiredWorkshopParticipants } from '../workshops/workshops.service';

export async function deleteExpiredSessions(db: Knex): Promise<void> {
  await db('sessions').where('expired', '<', db.fn.now()).delete();
}

/**
 * Every quarter of an hour: removes expired sessions and rate-limit windows, and the
 * participants of workshops closed longer ago than the retention period.
 */
export function startHousekeeping(db: Knex, logger: Logger, options: { workshopParticipantRetentionDays: number }, intervalMs = 15 * 60 * 1000): { stop(): void } {
  const timer = setInterval(() => {
    Promise.all([
      deleteExpiredSessions(db),
      deleteExpiredRateLimits(db),
      deleteExpiredWorkshopParticipants(db, options.workshopParticipantRetentionDays),
    ]).catch((error) => logger.warn({ err: error }, 'housekeeping failed'));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
