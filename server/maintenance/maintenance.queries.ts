import type { Knex } from 'knex';

export const warningDays = 30;

// An account is active when someone logs in to it (sessions last at most 14 days).
const lastActivity = 'coalesce(users.last_login_at, users.created_at)';

/** Accounts inactive for (months − 30 days) that have not been warned since their last activity. */
export async function accountsToWarn(db: Knex, months: number): Promise<{ id: number }[]> {
  return db('users')
    .whereNull('deleted_at')
    .whereRaw(`${lastActivity} < now() - make_interval(months => ?) + make_interval(days => ?)`, [months, warningDays])
    .where((where) => where.whereNull('inactivity_warned_at').orWhereRaw(`inactivity_warned_at < ${lastActivity}`))
    .select('id');
}

/** Accounts inactive for the full period whose warning left at least 30 days ago, with no login since. */
export async function accountsToAnonymise(db: Knex, months: number): Promise<{ id: number }[]> {
  return db('users')
    .whereNull('deleted_at')
    .whereRaw(`${lastActivity} < now() - make_interval(months => ?)`, [months])
    .whereRaw(`inactivity_warned_at <= now() - make_interval(days => ?)`, [warningDays])
    .whereRaw(`inactivity_warned_at >= ${lastActivity}`)
    .orderBy('id')
    .select('id');
}

export async function stillInactive(db: Knex, userId: number, months: number): Promise<{ anonymiseAfter: Date } | undefined> {
  const row = await db('users')
    .where({ id: userId })
    .whereNull('deleted_at')
    .whereRaw(`${lastActivity} < now() - make_interval(months => ?) + make_interval(days => ?)`, [months, warningDays])
    .first(db.raw(`greatest(${lastActivity} + make_interval(months => ?), now() + make_interval(days => ?)) as "anonymiseAfter"`, [months, warningDays]));
  return row ? { anonymiseAfter: new Date(row.anonymiseAfter) } : undefined;
}
