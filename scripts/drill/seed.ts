/**
 * The drill's data, written straight into its database once the first Kopā process has migrated
 * it: residents already logged in (a session row each, as in the bench), a consultation in its
 * collecting phase with published ideas, and a workshop in its voting state with 30 participants.
 */
import type { Knex } from 'knex';
import type { Resident } from '../bench-mixed';
import { loggedInResidents } from '../bench-supports';
import { newJoinCode } from '../../server/workshops/join-code';
import { participantCookieName, participantCookieValue, participantFormToken } from '../../server/workshops/participant-cookie';

export interface Participant {
  id: number;
  cookie: string;
  token: string;
}

export interface DrillData {
  consultationId: number;
  categoryId: number;
  /** Published ideas the residents support and comment on (counters start at 0). */
  hotIdeaIds: number[];
  residents: (Resident & { userId: number })[];
  staff: Resident;
  workshop: { id: number; joinCode: string; ballotIdeaIds: number[]; participants: Participant[] };
}

export const drillCounts = { residents: 40, hotIdeas: 12, otherIdeas: 300, participants: 30, ballotIdeas: 3 };

export async function seedDrill(db: Knex, secret: string): Promise<DrillData> {
  const [category] = await db('categories').orderBy('id').limit(1).select('id');
  if (!category) throw new Error('no categories: the first Kopā process should have seeded the reference data');
  const [author] = await db('users')
    .insert({ email: 'drill-author@example.lv', display_name: 'Drill <script>alert(1)</script>', password_hash: 'x', role: 'resident', email_verified_at: new Date() })
    .returning('id');
  const [consultation] = await db('consultations')
    .insert({
      slug: 'drill',
      title: JSON.stringify({ lv: 'Mācības', ru: 'Учения', en: 'Drill' }),
      description: JSON.stringify({ lv: 'Mācības', ru: 'Учения', en: 'Drill' }),
      starts_on: '2026-01-01',
      ends_on: '2027-12-31',
      phase: 'collecting',
    })
    .returning('id');
  const idea = (n: number, extra: Record<string, unknown> = {}) => ({
    consultation_id: consultation.id,
    author_id: author.id,
    title: `Drill idea ${n}`,
    description: 'An idea the drill supports and comments on.',
    original_locale: 'en',
    category_id: category.id,
    neb_values: ['together'],
    latitude: 55.85 + ((n * 37) % 100) / 1000,
    longitude: 26.45 + ((n * 53) % 200) / 1000,
    ...extra,
  });
  const total = drillCounts.hotIdeas + drillCounts.otherIdeas;
  const ideaRows: { id: number }[] = await db('ideas')
    .insert(Array.from({ length: total }, (_, n) => idea(n)))
    .returning('id');
  const hotIdeaIds = ideaRows.slice(0, drillCounts.hotIdeas).map((row) => row.id);

  const residents = await loggedInResidents(db, drillCounts.residents, secret);
  const userIds: { id: number }[] = await db('users').where('email', 'like', 'resident%@bench.lv').orderBy('id').select('id');
  const [staff] = await loggedInResidents(db, 1, secret, 'moderator');

  const joinCode = newJoinCode();
  const [workshop] = await db('workshops')
    .insert({ name: 'Drill workshop', consultation_id: consultation.id, held_on: '2026-12-03', locale: 'en', dot_budget: 10, max_dots_per_idea: 5, state: 'voting', join_code: joinCode })
    .returning('id');
  const ballot: { id: number }[] = await db('ideas')
    .insert(Array.from({ length: drillCounts.ballotIdeas }, (_, n) => idea(1000 + n, { workshop_id: workshop.id, visibility: 'workshop', title: `Workshop idea ${n}` })))
    .returning('id');
  const participantRows: { id: number }[] = await db('workshop_participants')
    .insert(Array.from({ length: drillCounts.participants }, (_, n) => ({ workshop_id: workshop.id, nickname: `P${n}` })))
    .returning('id');
  await db.raw('analyze');
  return {
    consultationId: consultation.id,
    categoryId: category.id,
    hotIdeaIds,
    residents: residents.map((resident, index) => ({ ...resident, userId: userIds[index].id })),
    staff,
    workshop: {
      id: workshop.id,
      joinCode,
      ballotIdeaIds: ballot.map((row) => row.id),
      participants: participantRows.map((row) => ({
        id: row.id,
        cookie: `${participantCookieName}=${participantCookieValue(secret, workshop.id, row.id)}`,
        token: participantFormToken(secret, workshop.id, row.id),
      })),
    },
  };
}
