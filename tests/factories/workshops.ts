import type { Knex } from 'knex';
import { newJoinCode } from '../../server/workshops/join-code';
import { participantCookieName, participantCookieValue } from '../../server/workshops/participant-cookie';

let sequence = 0;

/** A workshop with an escaping trap in its name, unless told otherwise. */
export async function buildWorkshop(
  db: Knex,
  overrides: {
    consultationId: number;
    createdBy: number;
    name?: string;
    state?: 'draft' | 'open' | 'voting' | 'closed';
    dotBudget?: number;
    maxDotsPerIdea?: number;
    ballot?: 'workshop' | 'consultation' | 'chosen';
    locale?: 'lv' | 'ru' | 'en';
    closedAt?: Date;
  },
): Promise<{ id: number; joinCode: string }> {
  sequence += 1;
  const joinCode = newJoinCode();
  const state = overrides.state ?? 'open';
  const [row] = await db('workshops')
    .insert({
      name: overrides.name ?? `Workshop ${sequence} <script>alert(1)</script>`,
      consultation_id: overrides.consultationId,
      created_by: overrides.createdBy,
      held_on: '2026-12-02',
      locale: overrides.locale ?? 'en',
      dot_budget: overrides.dotBudget ?? 3,
      max_dots_per_idea: overrides.maxDotsPerIdea ?? 2,
      ballot: overrides.ballot ?? 'workshop',
      state,
      join_code: joinCode,
      closed_at: state === 'closed' ? (overrides.closedAt ?? new Date()) : null,
    })
    .returning('id');
  return { id: row.id, joinCode };
}

export async function buildParticipant(db: Knex, workshopId: number, overrides: { nickname?: string | null; ageGroup?: string | null } = {}): Promise<number> {
  const [row] = await db('workshop_participants')
    .insert({ workshop_id: workshopId, nickname: overrides.nickname === undefined ? '<b>Kid</b>' : overrides.nickname, age_group: overrides.ageGroup ?? null })
    .returning('id');
  return row.id;
}

/** An idea pinned in the workshop (visibility 'workshop', no author). */
export async function buildRoomIdea(db: Knex, workshop: { id: number }, consultationId: number, overrides: { title?: string; participantId?: number } = {}): Promise<number> {
  sequence += 1;
  const [row] = await db('ideas')
    .insert({
      consultation_id: consultationId,
      author_id: null,
      workshop_id: workshop.id,
      workshop_participant_id: overrides.participantId ?? null,
      title: overrides.title ?? `Room idea ${sequence} =HYPERLINK("http://evil","x")`,
      description: 'A bench <script>alert(2)</script>',
      original_locale: 'en',
      category_id: (await db('categories').first('id')).id,
      neb_values: ['together'],
      latitude: 55.87,
      longitude: 26.52,
      visibility: 'workshop',
    })
    .returning('id');
  return row.id;
}

export function participantCookie(secret: string, workshopId: number, participantId: number): string {
  return `${participantCookieName}=${participantCookieValue(secret, workshopId, participantId)}`;
}

/** Dots a participant put on a room idea (no counter keeps dots: results count the rows). */
export async function buildDots(db: Knex, dots: { workshopId: number; participantId: number; ideaId: number; dots: number }): Promise<void> {
  await db('workshop_dots').insert({ workshop_id: dots.workshopId, participant_id: dots.participantId, idea_id: dots.ideaId, dots: dots.dots });
}
