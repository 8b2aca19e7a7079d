import type { Knex } from 'knex';
import { enqueueJob } from '../jobs/jobs.queries';
import { eraseAccount, type ErasureServices } from '../account-deletion/erasure.service';

export const warningDays = 30;

// An account is active when someone logs in to it (sessions last at most 14 days).
const lastActivity = 'coalesce(users.last_login_at, users.created_at)';

/**
 * Accounts inactive for (months − 30 days) get a warning email (through the jobs table; the
 * handler records when it left). Accounts inactive for the full period whose warning left at
 * least 30 days ago, with no login since, are anonymised like a deletion that keeps content.
 */
export async function runInactiveAccountMaintenance(services: ErasureServices, months: number): Promise<{ warned: number; anonymised: number }> {
  const { db } = services;
  const toWarn = await db('users')
    .whereNull('deleted_at')
    .whereRaw(`${lastActivity} < now() - make_interval(months => ?) + make_interval(days => ?)`, [months, warningDays])
    .where((where) => where.whereNull('inactivity_warned_at').orWhereRaw(`inactivity_warned_at < ${lastActivity}`))
    .select('id');
  await db.transaction(async (trx) => {
    for (const user of toWarn) {
      await enqueueJob(trx, 'inactivity_warning', { userId: user.id }, { dedupeKey: `inactivity_warning:${user.id}` });
    }
  });
  const toAnonymise = await db('users')
    .whereNull('deleted_at')
    .whereRaw(`${lastActivity} < now() - make_interval(months => ?)`, [months])
    .whereRaw(`inactivity_warned_at <= now() - make_interval(days => ?)`, [warningDays])
    .whereRaw(`inactivity_warned_at >= ${lastActivity}`)
    .orderBy('id')
    .select('id');
  for (const user of toAnonymise) {
    await eraseAccount(services, user.id, { removeContent: false, byMaintenance: { inactiveMonths: months } });
  }
  return { warned: toWarn.length, anonymised: toAnonymise.length };
}

export async function stillInactive(db: Knex, userId: number, months: number): Promise<{ anonymiseAfter: Date } | undefined> {
  const row = await db('users')
    .where({ id: userId })
    .whereNull('deleted_at')
    .whereRaw(`${lastActivity} < now() - make_interval(months => ?) + make_interval(days => ?)`, [months, warningDays])
    .first(db.raw(`greatest(${lastActivity} + make_interval(months => ?), now() + make_interval(days => ?)) as "anonymiseAfter"`, [months, warningDays]));
  return row ? { anonymiseAfter: new Date(row.anonymiseAfter) } : undefined;
}
