import type { Knex } from 'knex';
import type { LocalizedText } from '../i18n/format';

export interface ConsultationSummary {
  id: number;
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  phase: 'collecting' | 'voting' | 'closed' | 'results';
  startsOn: Date;
  endsOn: Date;
}

/** Consultations people can still take part in, newest first. */
export async function openConsultations(db: Knex): Promise<ConsultationSummary[]> {
  const rows = await db('consultations')
    .whereIn('phase', ['collecting', 'voting'])
    .orderBy('starts_on', 'desc')
    .select('id', 'slug', 'title', 'description', 'phase', 'starts_on', 'ends_on');
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    phase: row.phase,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  }));
}
