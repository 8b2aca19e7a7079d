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
}

export async function consultationById(db: Knex, id: number): Promise<Consultation | undefined> {
  const row = await db('consultations').where({ id }).first();
  if (!row) return undefined;
  return {
    ...toSummary(row),
    area: row.area,
    moderationMode: row.moderation_mode,
    supportBudget: row.support_budget,
  };
}

/** Id and title of every consultation, for filters. */
export async function consultationTitles(db: Knex): Promise<Pick<ConsultationSummary, 'id' | 'title'>[]> {
  return db('consultations').orderBy('starts_on', 'desc').select('id', 'title');
}
