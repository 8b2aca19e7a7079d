import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { LocalizedText } from '../i18n/format';
import { setIdeaVisibility } from '../ideas/ideas.queries';
import { ageGroups, type AgeGroup, type BallotKind, type WorkshopForm, type WorkshopState } from './workshops.schema';

/** The NOTIFY channel on which a workshop's changes are announced to the live views (workshops.live.ts). */
export const changeChannel = 'kopa_workshop_changes';

/** Call inside the transaction of the change: listeners hear of it only if it commits. */
export async function announceWorkshopChange(trx: Knex, workshopId: number): Promise<void> {
  await trx.raw('select pg_notify(?, ?)', [changeChannel, String(workshopId)]);
}

/** LISTEN on the embedded database, through knex's pool (its one connection). */
export async function listenForWorkshopChanges(db: Knex): Promise<void> {
  await db.raw(`listen ${changeChannel}`);
}

export interface Workshop {
  id: number;
  name: string;
  consultationId: number;
  createdBy: number | null;
  /** 'YYYY-MM-DD' */
  heldOn: string;
  locale: Locale;
  dotBudget: number;
  maxDotsPerIdea: number;
  ballot: BallotKind;
  state: WorkshopState;
  joinCode: string;
  closedAt: Date | null;
  handedOffAt: Date | null;
  resultParticipants: number | null;
  resultAgeGroups: Record<string, number> | null;
  participantsDeletedAt: Date | null;
  createdAt: Date;
}

const workshopColumns = [
  'workshops.id',
  'workshops.name',
  'workshops.consultation_id as consultationId',
  'workshops.created_by as createdBy',
  'workshops.held_on as heldOn',
  'workshops.locale',
  'workshops.dot_budget as dotBudget',
  'workshops.max_dots_per_idea as maxDotsPerIdea',
  'workshops.ballot',
  'workshops.state',
  'workshops.join_code as joinCode',
  'workshops.closed_at as closedAt',
  'workshops.handed_off_at as handedOffAt',
  'workshops.result_participants as resultParticipants',
  'workshops.result_age_groups as resultAgeGroups',
  'workshops.participants_deleted_at as participantsDeletedAt',
  'workshops.created_at as createdAt',
];

export async function workshopById(db: Knex, id: number): Promise<Workshop | undefined> {
  return db('workshops').where('workshops.id', id).first(workshopColumns);
}

export async function workshopByCode(db: Knex, joinCode: string): Promise<Workshop | undefined> {
  return db('workshops').where('workshops.join_code', joinCode).first(workshopColumns);
}

/**
 * A vote takes a share lock on its workshop and closing takes an update lock, so a vote is
 * either counted in the frozen results or refused: none lands after them.
 */
export async function lockWorkshop(trx: Knex, id: number, mode: 'share' | 'update'): Promise<Workshop | undefined> {
  const query = trx('workshops').where('workshops.id', id);
  return (mode === 'share' ? query.forShare() : query.forUpdate()).first(workshopColumns);
}

export interface WorkshopListEntry extends Pick<Workshop, 'id' | 'name' | 'heldOn' | 'state' | 'joinCode'> {
  consultationTitle: LocalizedText;
}

export async function workshopsList(db: Knex, createdBy: number | undefined): Promise<WorkshopListEntry[]> {
  const query = db('workshops')
    .join('consultations', 'consultations.id', 'workshops.consultation_id')
    .orderBy([{ column: 'workshops.held_on', order: 'desc' }, { column: 'workshops.id', order: 'desc' }])
    .select('workshops.id', 'workshops.name', 'workshops.held_on as heldOn', 'workshops.state', 'workshops.join_code as joinCode', 'consultations.title as consultationTitle');
  if (createdBy !== undefined) query.where('workshops.created_by', createdBy);
  return query;
}

const settingsColumns = (form: WorkshopForm) => ({
  name: form.name,
  consultation_id: form.consultationId,
  held_on: form.heldOn,
  locale: form.locale,
  dot_budget: form.dotBudget,
  max_dots_per_idea: form.maxDotsPerIdea,
  ballot: form.ballot,
});

export async function insertWorkshop(trx: Knex, form: WorkshopForm, createdBy: number, joinCode: string): Promise<number> {
  const [row] = await trx('workshops')
    .insert({ ...settingsColumns(form), created_by: createdBy, join_code: joinCode })
    .returning('id');
  return row.id;
}

export async function updateWorkshopSettings(trx: Knex, id: number, form: WorkshopForm): Promise<void> {
  await trx('workshops').where({ id }).update({ ...settingsColumns(form), updated_at: trx.fn.now() });
}

export async function setWorkshopState(trx: Knex, id: number, state: WorkshopState): Promise<void> {
  await trx('workshops')
    .where({ id })
    .update({ state, closed_at: state === 'closed' ? trx.fn.now() : null, updated_at: trx.fn.now() });
}

export interface RoomIdea {
  id: number;
  title: string;
  category: string;
  latitude: number;
  longitude: number;
  pinnedHere: boolean;
  dots: number;
}

/**
 * The ideas voted on: the room's own pins always, plus the consultation's published ideas or
 * the chosen set, as the workshop says. Hidden ideas never.
 */
export function ballotIdeasQuery(db: Knex, workshop: Pick<Workshop, 'id' | 'consultationId' | 'ballot'>) {
  return db('ideas')
    .whereNot('ideas.visibility', 'hidden')
    .where((where) => {
      where.where('ideas.workshop_id', workshop.id);
      if (workshop.ballot === 'consultation') {
        where.orWhere((published) => published.where('ideas.consultation_id', workshop.consultationId).where('ideas.visibility', 'published'));
      }
      if (workshop.ballot === 'chosen') {
        where.orWhere((chosen) =>
          chosen.where('ideas.visibility', 'published').whereIn('ideas.id', db('workshop_ballot_ideas').select('idea_id').where('workshop_id', workshop.id)),
        );
      }
    });
}

/** Every idea of the ballot with its dots so far, in the order they were pinned. */
export async function ballotWithDots(db: Knex, workshop: Pick<Workshop, 'id' | 'consultationId' | 'ballot'>): Promise<RoomIdea[]> {
  return ballotIdeasQuery(db, workshop)
    .join('categories', 'categories.id', 'ideas.category_id')
    .orderBy('ideas.id')
    .select(
      'ideas.id',
      'ideas.title',
      'categories.slug as category',
      'ideas.latitude',
      'ideas.longitude',
      db.raw('coalesce(ideas.workshop_id = ?, false) as "pinnedHere"', [workshop.id]),
      db.raw('coalesce((select sum(d.dots) from workshop_dots d where d.workshop_id = ? and d.idea_id = ideas.id), 0)::int as dots', [workshop.id]),
    );
}

export async function isOnBallot(trx: Knex, workshop: Pick<Workshop, 'id' | 'consultationId' | 'ballot'>, ideaId: number): Promise<boolean> {
  return Boolean(await ballotIdeasQuery(trx, workshop).where('ideas.id', ideaId).first('ideas.id'));
}

/** Published ideas of the consultation that a facilitator may put on a chosen ballot. */
export async function ballotCandidates(db: Knex, workshop: Pick<Workshop, 'id' | 'consultationId'>): Promise<{ id: number; title: string; chosen: boolean }[]> {
  return db('ideas')
    .where({ 'ideas.consultation_id': workshop.consultationId, 'ideas.visibility': 'published' })
    .orderBy('ideas.id')
    .select(
      'ideas.id',
      'ideas.title',
      db.raw('exists (select 1 from workshop_ballot_ideas b where b.workshop_id = ? and b.idea_id = ideas.id) as chosen', [workshop.id]),
    );
}

export async function replaceChosenIdeas(trx: Knex, workshopId: number, consultationId: number, ideaIds: number[]): Promise<void> {
  await trx('workshop_ballot_ideas').where({ workshop_id: workshopId }).delete();
  if (!ideaIds.length) return;
  // Only published ideas of the workshop's consultation can be chosen, whatever the form sent.
  await trx.raw(
    `insert into workshop_ballot_ideas (workshop_id, idea_id)
     select ?, id from ideas where consultation_id = ? and visibility = 'published' and id = any(?::bigint[])`,
    [workshopId, consultationId, ideaIds],
  );
}

export interface ParticipantSummary {
  count: number;
  ageGroups: Record<AgeGroup | 'unspecified', number>;
  nicknames: string[];
}

export async function participantSummary(db: Knex, workshopId: number, withNicknames: boolean): Promise<ParticipantSummary> {
  const rows: { ageGroup: AgeGroup | null; count: number }[] = await db('workshop_participants')
    .where({ workshop_id: workshopId })
    .groupBy('age_group')
    .select('age_group as ageGroup', db.raw('count(*)::int as count'));
  const counts = Object.fromEntries([...ageGroups, 'unspecified'].map((group) => [group, 0])) as ParticipantSummary['ageGroups'];
  for (const row of rows) counts[row.ageGroup ?? 'unspecified'] = row.count;
  const nicknames = withNicknames
    ? (await db('workshop_participants').where({ workshop_id: workshopId }).whereNotNull('nickname').orderBy('id').select('nickname')).map((row) => row.nickname as string)
    : [];
  return { count: rows.reduce((sum, row) => sum + row.count, 0), ageGroups: counts, nicknames };
}

export async function insertParticipant(db: Knex, workshopId: number, nickname: string | undefined, ageGroup: AgeGroup | undefined): Promise<number> {
  const [row] = await db('workshop_participants')
    .insert({ workshop_id: workshopId, nickname: nickname ?? null, age_group: ageGroup ?? null })
    .returning('id');
  return row.id;
}

export async function participantExists(db: Knex, workshopId: number, participantId: number): Promise<boolean> {
  return Boolean(await db('workshop_participants').where({ id: participantId, workshop_id: workshopId }).first('id'));
}

/** Dots of one participant are changed one request at a time: the budget check sees every earlier dot. */
export async function lockParticipant(trx: Knex, workshopId: number, participantId: number): Promise<boolean> {
  return Boolean(await trx('workshop_participants').where({ id: participantId, workshop_id: workshopId }).forUpdate().first('id'));
}

export async function dotsHeld(trx: Knex, participantId: number, ideaId: number): Promise<{ spent: number; onIdea: number }> {
  const row = await trx('workshop_dots')
    .where({ participant_id: participantId })
    .first(trx.raw('coalesce(sum(dots), 0)::int as spent'), trx.raw('coalesce(sum(dots) filter (where idea_id = ?), 0)::int as "onIdea"', [ideaId]));
  return { spent: row.spent, onIdea: row.onIdea };
}

export async function addDot(trx: Knex, workshopId: number, participantId: number, ideaId: number): Promise<void> {
  await trx.raw(
    `insert into workshop_dots (workshop_id, participant_id, idea_id, dots) values (?, ?, ?, 1)
     on conflict (participant_id, idea_id) do update set dots = workshop_dots.dots + 1`,
    [workshopId, participantId, ideaId],
  );
}

export async function removeDot(trx: Knex, participantId: number, ideaId: number): Promise<void> {
  const deleted = await trx('workshop_dots').where({ participant_id: participantId, idea_id: ideaId, dots: 1 }).delete().returning('idea_id');
  if (!deleted.length) await trx('workshop_dots').where({ participant_id: participantId, idea_id: ideaId }).decrement('dots', 1);
}

/** Whether anyone has put a dot in the workshop yet: its rules are fixed from then on. */
export async function anyDotsCast(trx: Knex, workshopId: number): Promise<boolean> {
  return Boolean(await trx('workshop_dots').where({ workshop_id: workshopId }).first('idea_id'));
}

/** Idea id → dots this participant has put on it. */
export async function dotsOfParticipant(db: Knex, participantId: number): Promise<Map<number, number>> {
  const rows: { idea_id: number; dots: number }[] = await db('workshop_dots').where({ participant_id: participantId }).select('idea_id', 'dots');
  return new Map(rows.map((row) => [row.idea_id, row.dots]));
}

export async function freezeResults(trx: Knex, workshop: Workshop): Promise<void> {
  const ideas = await ballotWithDots(trx, workshop);
  const ranked = [...ideas].sort((a, b) => b.dots - a.dots || a.id - b.id);
  if (ranked.length) {
    await trx('workshop_results').insert(
      ranked.map((idea, index) => ({
        workshop_id: workshop.id,
        position: index + 1,
        idea_id: idea.id,
        idea_title: idea.title,
        category_slug: idea.category,
        latitude: idea.latitude,
        longitude: idea.longitude,
        pinned_here: idea.pinnedHere,
        dots: idea.dots,
      })),
    );
  }
  const summary = await participantSummary(trx, workshop.id, false);
  await trx('workshops')
    .where({ id: workshop.id })
    .update({ result_participants: summary.count, result_age_groups: JSON.stringify(summary.ageGroups) });
}

/** The results frozen at closing, in the order they were ranked. */
export async function frozenResults(db: Knex, workshopId: number): Promise<(RoomIdea & { position: number })[]> {
  const rows = await db('workshop_results')
    .where({ workshop_id: workshopId })
    .orderBy('position')
    .select('position', 'idea_id as id', 'idea_title as title', 'category_slug as category', 'latitude', 'longitude', 'pinned_here as pinnedHere', 'dots');
  return rows;
}

/** Ideas pinned in the workshop go to the moderation queue; returns their ids. */
export async function handIdeasToModeration(trx: Knex, workshopId: number): Promise<number[]> {
  const ids = await setIdeaVisibility(trx, { workshopId }, { from: 'workshop', to: 'pending' });
  await trx('workshops').where({ id: workshopId }).update({ handed_off_at: trx.fn.now(), updated_at: trx.fn.now() });
  return ids;
}

export async function hideRoomIdea(trx: Knex, workshopId: number, ideaId: number): Promise<boolean> {
  const hidden = await setIdeaVisibility(trx, { id: ideaId, workshopId }, { from: 'workshop', to: 'hidden' });
  if (!hidden.length) return false;
  // Dots on a removed pin go back to their participants.
  await trx('workshop_dots').where({ workshop_id: workshopId, idea_id: ideaId }).delete();
  return true;
}

/**
 * Deletes the participants (and with them their dot rows) of workshops closed more than
 * `days` ago; the frozen results stay. Returns how many workshops were cleared.
 */
export async function deleteParticipantsOfWorkshopsClosedBefore(db: Knex, days: number): Promise<number> {
  return db.transaction(async (trx) => {
    const due: { id: number }[] = await trx('workshops')
      .where('state', 'closed')
      .whereNull('participants_deleted_at')
      .whereRaw(`closed_at < now() - ? * interval '1 day'`, [days])
      .forUpdate()
      .select('id');
    if (!due.length) return 0;
    const ids = due.map((row) => row.id);
    await trx('workshop_participants').whereIn('workshop_id', ids).delete();
    await trx('workshops').whereIn('id', ids).update({ participants_deleted_at: trx.fn.now() });
    return ids.length;
  });
}

/** Takes a participant's dots out of the frozen results of their closed workshop, then ranks them again as at closing. */
export async function withdrawDotsFromFrozenResults(trx: Knex, workshopId: number, participantId: number): Promise<void> {
  await trx.raw(
    `update workshop_results r set dots = r.dots - d.dots
     from workshop_dots d
     where r.workshop_id = ? and d.participant_id = ? and d.workshop_id = r.workshop_id and d.idea_id = r.idea_id`,
    [workshopId, participantId],
  );
  // In two steps through negative positions: the primary key is checked row by row.
  await trx.raw(
    `update workshop_results r set position = -ranked.new_position
     from (select position, row_number() over (order by dots desc, idea_id nulls last, position) as new_position
           from workshop_results where workshop_id = ?) ranked
     where r.workshop_id = ? and r.position = ranked.position`,
    [workshopId, workshopId],
  );
  await trx('workshop_results').where({ workshop_id: workshopId }).update({ position: trx.raw('-position') });
}

/** The participant counts frozen at closing, counted again from the participants left. */
export async function refreezeParticipantSummary(trx: Knex, workshopId: number): Promise<void> {
  const summary = await participantSummary(trx, workshopId, false);
  await trx('workshops')
    .where({ id: workshopId })
    .update({ result_participants: summary.count, result_age_groups: JSON.stringify(summary.ageGroups) });
}

/** Deletes a participant; their dots and live-stream slots go with them (foreign keys), their pins stay without them. Returns the dots withdrawn. */
export async function deleteParticipant(trx: Knex, workshopId: number, participantId: number): Promise<number> {
  const [{ dots }] = await trx('workshop_dots').where({ workshop_id: workshopId, participant_id: participantId }).select(trx.raw('coalesce(sum(dots), 0)::int as dots'));
  await trx('workshop_participants').where({ id: participantId, workshop_id: workshopId }).delete();
  return dots;
}

export interface ParticipantEntry {
  id: number;
  nickname: string | null;
  ageGroup: AgeGroup | null;
  dots: number;
}

/** The participants as the facilitator's console lists them, to remove one: nickname, age group, dots spent. */
export async function participantsOfWorkshop(db: Knex, workshopId: number): Promise<ParticipantEntry[]> {
  return db('workshop_participants as p')
    .where('p.workshop_id', workshopId)
    .orderBy('p.id')
    .select(
      'p.id',
      'p.nickname',
      'p.age_group as ageGroup',
      db.raw('coalesce((select sum(d.dots) from workshop_dots d where d.participant_id = p.id), 0)::int as dots'),
    );
}
