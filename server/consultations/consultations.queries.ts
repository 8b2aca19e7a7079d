import type { Knex } from 'knex';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LocalizedText } from '../i18n/format';

export interface ConsultationSummary {
  id: number;
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  phase: 'collecting' | 'voting' | 'closed' | 'results';
  /** 'YYYY-MM-DD' */
  startsOn: string;
  endsOn: string;
}

/** Consultations people can still take part in, newest first. */
export async function openConsultations(db: Knex): Promise<ConsultationSummary[]> {
  const rows = await db('consultations')
    .whereIn('phase', ['collecting', 'voting'])
    .orderBy('starts_on', 'desc')
    .select('id', 'slug', 'title', 'description', 'phase', 'starts_on', 'ends_on');
  return rows.map(toSummary);
}

interface ConsultationRow {
  id: number;
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  phase: ConsultationSummary['phase'];
  starts_on: string;
  ends_on: string;
}

const toSummary = (row: ConsultationRow): ConsultationSummary => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  phase: row.phase,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
});

export interface Consultation extends ConsultationSummary {
  area: Polygon | MultiPolygon | null;
  moderationMode: 'pre' | 'post';
  supportBudget: number | null;
  /** The phases in which ideas may be supported. */
  supportPhases: string[];
}

const toConsultation = (row: ConsultationRow & { area: Consultation['area']; moderation_mode: Consultation['moderationMode']; support_budget: number | null; support_phases: string[] }): Consultation => ({
  ...toSummary(row),
  area: row.area,
  moderationMode: row.moderation_mode,
  supportBudget: row.support_budget,
  supportPhases: row.support_phases,
});

export async function consultationById(db: Knex, id: number): Promise<Consultation | undefined> {
  const row = await db('consultations').where({ id }).first();
  return row ? toConsultation(row) : undefined;
}

/** Every consultation, newest first (the reference data kept in memory). */
export async function allConsultations(db: Knex): Promise<Consultation[]> {
  return (await db('consultations').orderBy([{ column: 'starts_on', order: 'desc' }, { column: 'id', order: 'desc' }]).select()).map(toConsultation);
}

/** Id and title of every consultation, for filters. */
export async function consultationTitles(db: Knex): Promise<Pick<ConsultationSummary, 'id' | 'title'>[]> {
  return db('consultations').orderBy('starts_on', 'desc').select('id', 'title');
}

export interface ConsultationListEntry extends ConsultationSummary {
  moderationMode: 'pre' | 'post';
  ideaCount: number;
}

/** Every consultation with its number of ideas, for the admins' list. */
export async function consultationsWithCounts(db: Knex): Promise<ConsultationListEntry[]> {
  const rows = await db('consultations')
    .orderBy('starts_on', 'desc')
    .select('id', 'slug', 'title', 'description', 'phase', 'starts_on', 'ends_on', 'moderation_mode', db.raw('(select count(*) from ideas where ideas.consultation_id = consultations.id)::int as idea_count'));
  return rows.map((row) => ({ ...toSummary(row), moderationMode: row.moderation_mode, ideaCount: row.idea_count }));
}

export interface ConsultationRecord {
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  area: Polygon | MultiPolygon | null;
  startsOn: string;
  endsOn: string;
  phase: ConsultationSummary['phase'];
  moderationMode: 'pre' | 'post';
  supportBudget: number | null;
  supportPhases: string[];
}

const consultationColumns = (record: ConsultationRecord) => ({
  slug: record.slug,
  title: JSON.stringify(record.title),
  description: JSON.stringify(record.description),
  area: record.area ? JSON.stringify(record.area) : null,
  starts_on: record.startsOn,
  ends_on: record.endsOn,
  phase: record.phase,
  moderation_mode: record.moderationMode,
  support_budget: record.supportBudget,
  support_phases: record.supportPhases,
});

/** What an admin edits, as stored (for the form and for the audit log's "before"). */
export async function consultationRecord(db: Knex, id: number): Promise<ConsultationRecord | undefined> {
  const row = await db('consultations').where({ id }).first();
  if (!row) return undefined;
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    area: row.area,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    phase: row.phase,
    moderationMode: row.moderation_mode,
    supportBudget: row.support_budget,
    supportPhases: row.support_phases,
  };
}

export async function insertConsultation(trx: Knex, record: ConsultationRecord): Promise<number> {
  const [row] = await trx('consultations').insert(consultationColumns(record)).returning('id');
  return row.id as number;
}

export async function lockConsultation(trx: Knex, id: number): Promise<void> {
  await trx('consultations').where({ id }).forUpdate().first('id');
}

export async function updateConsultationRow(trx: Knex, id: number, record: ConsultationRecord): Promise<void> {
  await trx('consultations').where({ id }).update({ ...consultationColumns(record), updated_at: trx.fn.now() });
}
