import type { Knex } from 'knex';
import type { Locale } from '../config';
import { nebElements, nebProfileOf, type NebElement, type NebLevel, type NebLevels } from './neb.elements';

export interface NebAssessment {
  id: number;
  ideaId: number;
  assessorId: number | null;
  /** Null once the assessor's account is erased: shown as "a former staff member". */
  assessorName: string | null;
  locale: Locale;
  levels: NebLevels;
  justifications: Record<NebElement, string>;
  createdAt: Date;
  publishedAt: Date | null;
}

const levelColumns = nebElements.map((element) => `neb_assessments.${element}_level`);
const justificationColumns = nebElements.map((element) => `neb_assessments.${element}_justification`);

type Row = Record<string, unknown>;

const levelsOf = (row: Row) => Object.fromEntries(nebElements.map((element) => [element, Number(row[`${element}_level`]) as NebLevel])) as NebLevels;

function assessmentOf(row: Row): NebAssessment {
  return {
    id: Number(row.id),
    ideaId: Number(row.idea_id),
    assessorId: row.assessor_id === null ? null : Number(row.assessor_id),
    assessorName: (row.assessor_name as string | null) ?? null,
    locale: row.locale as Locale,
    levels: levelsOf(row),
    justifications: Object.fromEntries(nebElements.map((element) => [element, String(row[`${element}_justification`])])) as Record<NebElement, string>,
    createdAt: new Date(row.created_at as string),
    publishedAt: row.published_at ? new Date(row.published_at as string) : null,
  };
}

const assessmentRows = (db: Knex) =>
  db('neb_assessments')
    .leftJoin('users', 'users.id', 'neb_assessments.assessor_id')
    .select('neb_assessments.id', 'neb_assessments.idea_id', 'neb_assessments.assessor_id', 'users.display_name as assessor_name', 'neb_assessments.locale')
    .select([...levelColumns, ...justificationColumns])
    .select('neb_assessments.created_at', 'neb_assessments.published_at');

export async function insertAssessment(
  trx: Knex,
  assessment: { ideaId: number; assessorId: number; locale: Locale; levels: NebLevels; justifications: Record<NebElement, string> },
): Promise<number> {
  const row: Row = { idea_id: assessment.ideaId, assessor_id: assessment.assessorId, locale: assessment.locale };
  for (const element of nebElements) {
    row[`${element}_level`] = assessment.levels[element];
    row[`${element}_justification`] = assessment.justifications[element];
  }
  const [inserted] = await trx('neb_assessments').insert(row).returning('id');
  return Number((inserted as { id: number }).id);
}

/** Publishes the idea's assessments not yet published; later ones wait for the next publish. */
export async function publishAssessmentsOfIdea(trx: Knex, ideaId: number, publishedBy: number): Promise<number> {
  const rows = await trx('neb_assessments').where({ idea_id: ideaId }).whereNull('published_at').update({ published_at: trx.fn.now(), published_by: publishedBy }).returning('id');
  return rows.length;
}

/** Every assessment of an idea, oldest first, for staff. */
export async function assessmentsOfIdea(db: Knex, ideaId: number): Promise<NebAssessment[]> {
  return (await assessmentRows(db).where('neb_assessments.idea_id', ideaId).orderBy('neb_assessments.id')).map(assessmentOf);
}

/** The levels of an idea's published assessments: what visitors may see. */
export async function publishedLevelsOfIdea(db: Knex, ideaId: number): Promise<{ levels: NebLevels }[]> {
  return (await db('neb_assessments').where({ idea_id: ideaId }).whereNotNull('published_at').select(nebElements.map((element) => `${element}_level`))).map((row: Row) => ({ levels: levelsOf(row) }));
}

/** A staff member's own assessments, for My data. */
export async function assessmentsBy(db: Knex, assessorId: number): Promise<NebAssessment[]> {
  return (await assessmentRows(db).where('neb_assessments.assessor_id', assessorId).orderBy('neb_assessments.id')).map(assessmentOf);
}

const assessableVisibilities = ['published', 'pending', 'hidden'];

/** What the assessment page shows of the idea: published, pending or hidden (a draft is still its author's alone). */
export async function ideaToAssess(db: Knex, ideaId: number): Promise<{ id: number; title: string; originalLocale: Locale; visibility: string; consultationId: number } | undefined> {
  return db('ideas').where({ id: ideaId }).whereIn('visibility', assessableVisibilities).first('id', 'title', 'original_locale as originalLocale', 'visibility', 'consultation_id as consultationId');
}

/** Every assessment of the ideas given, oldest first, grouped by idea (for the staff exports). */
export async function assessmentsOfIdeas(db: Knex, ideaIds: readonly number[]): Promise<Map<number, NebAssessment[]>> {
  const byIdea = new Map<number, NebAssessment[]>();
  if (!ideaIds.length) return byIdea;
  for (const assessment of (await assessmentRows(db).whereIn('neb_assessments.idea_id', [...ideaIds]).orderBy('neb_assessments.id')).map(assessmentOf)) {
    byIdea.set(assessment.ideaId, [...(byIdea.get(assessment.ideaId) ?? []), assessment]);
  }
  return byIdea;
}

/**
 * How many assessed ideas sit at each level per element (each idea counted at its median),
 * over one consultation or all; `published` counts only published assessments of published
 * ideas, as visitors may see them.
 */
export async function nebDistribution(db: Knex, options: { consultationId?: number; only: 'all' | 'published' }): Promise<NebDistribution> {
  const query = db('neb_assessments')
    .join('ideas', 'ideas.id', 'neb_assessments.idea_id')
    .select(['neb_assessments.idea_id', ...nebElements.map((element) => `neb_assessments.${element}_level`)])
    .orderBy('neb_assessments.id');
  if (options.consultationId) query.where('ideas.consultation_id', options.consultationId);
  if (options.only === 'published') query.whereNotNull('neb_assessments.published_at').where('ideas.visibility', 'published');
  const byIdea = new Map<number, { levels: NebLevels }[]>();
  for (const row of (await query) as Row[]) {
    const ideaId = Number(row.idea_id);
    byIdea.set(ideaId, [...(byIdea.get(ideaId) ?? []), { levels: levelsOf(row) }]);
  }
  const counts = Object.fromEntries(nebElements.map((element) => [element, [0, 0, 0, 0]])) as Record<NebElement, [number, number, number, number]>;
  for (const assessments of byIdea.values()) {
    const profile = nebProfileOf(assessments)!;
    for (const element of nebElements) counts[element][profile.levels[element]] += 1;
  }
  return { ideaCount: byIdea.size, counts };
}

export interface NebDistribution {
  /** Ideas with at least one (published) assessment. */
  ideaCount: number;
  /** Per element, the number of ideas at level 0, I, II and III. */
  counts: Record<NebElement, [number, number, number, number]>;
}

export const assessedIdeaSorts = ['recent', 'level', 'assessors'] as const;
export interface AssessedIdeasQuery {
  consultation?: number;
  element?: NebElement;
  /** With `element`: only ideas whose median for it is at least this. */
  level?: number;
  sort: (typeof assessedIdeaSorts)[number];
  page: number;
}
export interface AssessedIdea {
  id: number;
  title: string;
  originalLocale: Locale;
  visibility: string;
  assessors: number;
  published: number;
  lastAssessedAt: Date;
  levels: NebLevels;
}
export const assessedIdeasPerPage = 50;

const medianOf = (element: NebElement) => `percentile_disc(0.5) within group (order by neb_assessments.${element}_level)`;

/** Ideas with at least one assessment (any visibility), with the median of all their assessments, for staff. */
export async function assessedIdeas(db: Knex, query: AssessedIdeasQuery): Promise<{ ideas: AssessedIdea[]; total: number }> {
  const base = db('ideas').join('neb_assessments', 'neb_assessments.idea_id', 'ideas.id').groupBy('ideas.id');
  if (query.consultation) base.where('ideas.consultation_id', query.consultation);
  if (query.element) base.havingRaw(`${medianOf(query.element)} >= ?`, [query.level ?? 0]);
  const [{ total }] = await db.from(base.clone().select('ideas.id').as('matching')).count({ total: '*' });
  const order =
    query.sort === 'assessors'
      ? 'count(neb_assessments.id) desc, ideas.id desc'
      : query.sort === 'level'
        ? `${query.element ? medianOf(query.element) : nebElements.map(medianOf).join(' + ')} desc, ideas.id desc`
        : 'max(neb_assessments.created_at) desc, ideas.id desc';
  const rows = (await base
    .select('ideas.id', 'ideas.title', 'ideas.original_locale', 'ideas.visibility')
    .select(db.raw('count(neb_assessments.id)::int as assessors'), db.raw('count(neb_assessments.published_at)::int as published'), db.raw('max(neb_assessments.created_at) as last_assessed_at'))
    .select(nebElements.map((element) => db.raw(`${medianOf(element)} as ${element}_level`)))
    .orderByRaw(order)
    .limit(assessedIdeasPerPage)
    .offset((query.page - 1) * assessedIdeasPerPage)) as Row[];
  return {
    total: Number(total),
    ideas: rows.map((row) => ({
      id: Number(row.id),
      title: String(row.title),
      originalLocale: row.original_locale as Locale,
      visibility: String(row.visibility),
      assessors: Number(row.assessors),
      published: Number(row.published),
      lastAssessedAt: new Date(row.last_assessed_at as string),
      levels: levelsOf(row),
    })),
  };
}

/** The consultations the staff list filters by; read here because the consultations feature imports this one. */
export async function consultationChoices(db: Knex): Promise<{ id: number; title: Record<string, string> }[]> {
  return db('consultations').orderBy('starts_on', 'desc').select('id', 'title');
}

/**
 * Ideas nobody has assessed yet, newest first: published, pending and hidden ones (drafts and
 * workshop pins are nobody's to judge yet). Planners find hidden and pending ideas only here.
 */
export async function unassessedIdeas(db: Knex, query: Pick<AssessedIdeasQuery, 'consultation' | 'page'>): Promise<{ ideas: Omit<AssessedIdea, 'assessors' | 'published' | 'lastAssessedAt' | 'levels'>[]; total: number }> {
  const base = db('ideas')
    .whereIn('ideas.visibility', assessableVisibilities)
    .whereNotExists(db('neb_assessments').select(db.raw('1')).whereRaw('neb_assessments.idea_id = ideas.id'));
  if (query.consultation) base.where('ideas.consultation_id', query.consultation);
  const [{ total }] = await base.clone().count({ total: '*' });
  const rows = (await base
    .select('ideas.id', 'ideas.title', 'ideas.original_locale', 'ideas.visibility')
    .orderBy([{ column: 'ideas.created_at', order: 'desc' }, { column: 'ideas.id', order: 'desc' }])
    .limit(assessedIdeasPerPage)
    .offset((query.page - 1) * assessedIdeasPerPage)) as Row[];
  return {
    total: Number(total),
    ideas: rows.map((row) => ({ id: Number(row.id), title: String(row.title), originalLocale: row.original_locale as Locale, visibility: String(row.visibility) })),
  };
}
