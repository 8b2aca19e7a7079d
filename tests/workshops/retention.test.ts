import { createTestDatabase, type TestDatabase } from '../helpers/test-db';
import { buildUser } from '../factories/users';
import { buildConsultation } from '../factories/ideas';
import { buildDots, buildParticipant, buildRoomIdea, buildWorkshop } from '../factories/workshops';
import { deleteExpiredWorkshopParticipants, roomSnapshot } from '../../server/workshops/workshops.service';
import { freezeResults, workshopById } from '../../server/workshops/workshops.queries';
import { loadConfig } from '../../server/config';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

async function closedWorkshopWithVotes(closedAt: Date) {
  const { db } = database;
  const facilitator = await buildUser(db, { role: 'facilitator' });
  const consultationId = await buildConsultation(db);
  const workshop = await buildWorkshop(db, { consultationId, createdBy: facilitator.id, state: 'voting' });
  const participants = [await buildParticipant(db, workshop.id, { ageGroup: '16_18' }), await buildParticipant(db, workshop.id, { ageGroup: null })];
  const ideaId = await buildRoomIdea(db, workshop, consultationId, { participantId: participants[0] });
  for (const participantId of participants) await buildDots(db, { workshopId: workshop.id, participantId, ideaId, dots: 2 });
  await db.transaction(async (trx) => freezeResults(trx, (await workshopById(trx, workshop.id))!));
  await db('workshops').where({ id: workshop.id }).update({ state: 'closed', closed_at: closedAt });
  return { workshop, ideaId };
}

describe('participant retention', () => {
  it('deletes the participants of workshops closed longer ago than the retention period; the results stay as counts', async () => {
    const { db } = database;
    const old = await closedWorkshopWithVotes(daysAgo(31));
    const recent = await closedWorkshopWithVotes(daysAgo(29));
    const open = await buildWorkshop(db, { consultationId: await buildConsultation(db), createdBy: (await buildUser(db)).id, state: 'open' });
    await buildParticipant(db, open.id);

    expect(await deleteExpiredWorkshopParticipants(db, 30)).toBe(1);
    expect(await db('workshop_participants').where({ workshop_id: old.workshop.id })).toEqual([]);
    expect(await db('workshop_dots').where({ workshop_id: old.workshop.id })).toEqual([]);
    expect((await db('ideas').where({ id: old.ideaId }).first()).workshop_participant_id).toBeNull();
    expect(await db('workshop_participants').where({ workshop_id: recent.workshop.id })).toHaveLength(2);
    expect(await db('workshop_participants').where({ workshop_id: open.id })).toHaveLength(1);

    const kept = await db('workshops').where({ id: old.workshop.id }).first();
    expect(kept.participants_deleted_at).not.toBeNull();
    expect(kept).toMatchObject({ result_participants: 2 });
    expect(kept.result_age_groups).toMatchObject({ '16_18': 1, unspecified: 1 });
    const snapshot = await roomSnapshot(db, old.workshop.id, true);
    expect(snapshot).toMatchObject({ final: true, participants: 2, dotsSpent: 4, nicknames: [] });

    // Running again changes nothing.
    expect(await deleteExpiredWorkshopParticipants(db, 30)).toBe(0);
  });

  it('the retention period is configurable, 30 days unless set', () => {
    expect(loadConfig({}).workshopParticipantRetentionDays).toBe(30);
    expect(loadConfig({ WORKSHOP_PARTICIPANT_RETENTION_DAYS: '7' }).workshopParticipantRetentionDays).toBe(7);
    expect(() => loadConfig({ WORKSHOP_PARTICIPANT_RETENTION_DAYS: 'soon' })).toThrow(/^Invalid configuration: WORKSHOP_PARTICIPANT_RETENTION_DAYS /);
  });
});
