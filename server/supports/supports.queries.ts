import type { Knex } from 'knex';
import type { ConsultationSummary } from '../consultations/consultations.queries';
import { lockAccount } from '../auth/auth.queries';
import { lockIdeaReading } from '../ideas/ideas.queries';

export interface SupportTarget {
  ideaId: number;
  authorId: number | null;
  visibility: string;
  consultationId: number;
  phase: ConsultationSummary['phase'];
  supportPhases: string[];
  supportBudget: number | null;
  supportCount: number;
}

/** The idea's and its consultation's columns that a support is checked against. */
function withSupportColumns(ideas: Knex.QueryBuilder) {
  return ideas
    .join('consultations', 'consultations.id', 'ideas.consultation_id')
    .select(
      'ideas.id as ideaId',
      'ideas.author_id as authorId',
      'ideas.visibility',
      'ideas.consultation_id as consultationId',
      'consultations.phase',
      'consultations.support_phases as supportPhases',
      'consultations.support_budget as supportBudget',
      'ideas.support_count as supportCount',
    );
}

/**
 * Locks the supporter's row, then the idea's row, always in that order: supports of one
 * person are taken one at a time (the budget stays exact) and so are the count updates of one idea.
 */
export async function lockSupporterAndIdea(trx: Knex, userId: number, ideaId: number): Promise<SupportTarget | undefined> {
  await lockAccount(trx, userId);
  return lockIdeaReading<SupportTarget>(trx, ideaId, withSupportColumns);
}

export async function supportsUsedInConsultation(db: Knex, userId: number, consultationId: number): Promise<number> {
  const [{ used }] = await db('supports')
    .join('ideas', 'ideas.id', 'supports.idea_id')
    .where({ 'supports.user_id': userId, 'ideas.consultation_id': consultationId })
    .count({ used: '*' });
  return Number(used);
}

/** What an idea page shows a logged-in person of their own, in one round trip: their support, their budget used, their follow. */
export async function personalStateOfIdea(db: Knex, userId: number, ideaId: number, consultationId: number): Promise<PersonalStateOfIdea> {
  const row = await db
    .select(
      db.raw('exists (select 1 from supports where user_id = ? and idea_id = ?) as supported', [userId, ideaId]),
      db.raw(
        '(select count(*)::int from supports join ideas on ideas.id = supports.idea_id where supports.user_id = ? and ideas.consultation_id = ?) as "usedInConsultation"',
        [userId, consultationId],
      ),
      db.raw('exists (select 1 from follows where user_id = ? and idea_id = ?) as following', [userId, ideaId]),
    )
    .first();
  return { supported: Boolean(row.supported), usedInConsultation: Number(row.usedInConsultation), following: Boolean(row.following) };
}

export interface PersonalStateOfIdea {
  supported: boolean;
  usedInConsultation: number;
  following: boolean;
}

export async function hasSupported(db: Knex, userId: number, ideaId: number): Promise<boolean> {
  return Boolean(await db('supports').where({ user_id: userId, idea_id: ideaId }).first('idea_id'));
}

/** Inserts the support unless it exists; true when a row was added. */
export async function insertSupport(trx: Knex, userId: number, ideaId: number): Promise<boolean> {
  const rows = await trx('supports').insert({ user_id: userId, idea_id: ideaId }).onConflict(['idea_id', 'user_id']).ignore().returning('idea_id');
  return rows.length === 1;
}

export async function deleteSupport(trx: Knex, userId: number, ideaId: number): Promise<boolean> {
  // returning() rather than the affected-row count, which the embedded driver does not report the same way.
  return (await trx('supports').where({ user_id: userId, idea_id: ideaId }).delete().returning('idea_id')).length === 1;
}

/** Every support of a person (an erasure); the caller has locked the ideas, whose counts it adjusts. */
/** The ideas a person supports. */
export async function ideaIdsSupportedBy(db: Knex, userId: number): Promise<number[]> {
  return (await db('supports').where({ user_id: userId }).select('idea_id')).map((row) => Number(row.idea_id));
}

export async function deleteSupportsOf(trx: Knex, userId: number): Promise<void> {
  await trx('supports').where({ user_id: userId }).delete();
}
