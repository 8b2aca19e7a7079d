import type { Knex } from 'knex';
import type { WorkshopLimits } from './workshop-limits';

/** Longer than a few missed refreshes (workshops.live.ts refreshes every 25 s). */
const staleAfterSeconds = 90;
/** First key of the advisory lock taken while a workshop's streams are counted ("Kopa"). */
const streamLockClass = 0x4b6f7061;

export type StreamSlot = { slotId: number } | { refused: 'participant' | 'workshop' };

/**
 * Takes a slot for a participant's live stream, or says which cap it would pass. One opening
 * per workshop at a time (an advisory lock for the transaction), so two streams opened together
 * cannot both be counted below the cap.
 */
export async function takeStreamSlot(db: Knex, workshopId: number, participantId: number, limits: Pick<WorkshopLimits, 'streamsPerParticipant' | 'streamsPerWorkshop'>): Promise<StreamSlot> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?::int, ?::int)', [streamLockClass, workshopId]);
    await trx('workshop_streams').where({ workshop_id: workshopId }).whereRaw(`seen_at < now() - ? * interval '1 second'`, [staleAfterSeconds]).delete();
    const counts: { open: number; mine: number } = await trx('workshop_streams')
      .where({ workshop_id: workshopId })
      .first(trx.raw('count(*)::int as open'), trx.raw('(count(*) filter (where participant_id = ?))::int as mine', [participantId]));
    if (counts.mine >= limits.streamsPerParticipant) return { refused: 'participant' };
    if (counts.open >= limits.streamsPerWorkshop) return { refused: 'workshop' };
    const [row] = await trx('workshop_streams').insert({ workshop_id: workshopId, participant_id: participantId }).returning('id');
    return { slotId: Number(row.id) };
  });
}

export async function releaseStreamSlots(db: Knex, slotIds: number[]): Promise<void> {
  if (slotIds.length) await db('workshop_streams').whereIn('id', slotIds).delete();
}

/** Keeps this process's open streams counted. */
export async function refreshStreamSlots(db: Knex, slotIds: number[]): Promise<void> {
  if (slotIds.length) await db('workshop_streams').whereIn('id', slotIds).update({ seen_at: db.fn.now() });
}

/** The slots among these that still exist: a removed participant's are gone with them. */
export async function existingStreamSlots(db: Knex, slotIds: number[]): Promise<Set<number>> {
  if (!slotIds.length) return new Set();
  const rows: { id: number | string }[] = await db('workshop_streams').whereIn('id', slotIds).select('id');
  return new Set(rows.map((row) => Number(row.id)));
}
