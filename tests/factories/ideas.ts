import type { Knex } from 'knex';
import type { MultiPolygon, Polygon } from 'geojson';

let sequence = 0;

export interface ConsultationOverrides {
  phase?: string;
  moderationMode?: 'pre' | 'post';
  area?: Polygon | MultiPolygon | null;
  startsOn?: string;
  endsOn?: string;
  supportBudget?: number | null;
}

export async function buildConsultation(db: Knex, overrides: ConsultationOverrides = {}): Promise<number> {
  sequence += 1;
  const [row] = await db('consultations')
    .insert({
      slug: `consultation-${sequence}-${Date.now()}`,
      title: JSON.stringify({ lv: `Konsultācija ${sequence}`, ru: `Консультация ${sequence}`, en: `Consultation ${sequence} <script>alert(1)</script>` }),
      description: JSON.stringify({ lv: 'Apraksts', ru: 'Описание', en: 'Description' }),
      starts_on: overrides.startsOn ?? '2020-01-01',
      ends_on: overrides.endsOn ?? '2099-12-31',
      phase: overrides.phase ?? 'collecting',
      moderation_mode: overrides.moderationMode ?? 'post',
      area: overrides.area ? JSON.stringify(overrides.area) : null,
      support_budget: overrides.supportBudget ?? null,
    })
    .returning('id');
  return row.id;
}

/** The fields of the admins' consultation form, open for ideas from 2020 to 2099, post-moderated. */
export function consultationFormFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title_lv: 'Parki',
    title_ru: 'Парки',
    title_en: 'Parks',
    description_lv: 'Apraksts',
    description_ru: 'Описание',
    description_en: 'Description',
    area: '',
    startsOn: '2020-01-01',
    endsOn: '2099-12-31',
    phase: 'collecting',
    moderationMode: 'post',
    supportBudget: '',
    supportPhases: ['collecting'],
    ...overrides,
  };
}

export async function categoryId(db: Knex, slug = 'green-space'): Promise<number> {
  return (await db('categories').where({ slug }).first('id')).id;
}

/** An idea with escaping traps in its texts, unless told otherwise. */
export async function buildIdea(
  db: Knex,
  overrides: {
    consultationId: number;
    authorId: number;
    title?: string;
    description?: string;
    category?: string;
    latitude?: number;
    longitude?: number;
    status?: string;
    visibility?: string;
    nebValues?: string[];
    supportCount?: number;
    commentCount?: number;
    createdAt?: Date;
  },
): Promise<number> {
  sequence += 1;
  const [row] = await db('ideas')
    .insert({
      consultation_id: overrides.consultationId,
      author_id: overrides.authorId,
      title: overrides.title ?? `Idea ${sequence} <script>alert("t")</script>`,
      description: overrides.description ?? `=HYPERLINK("http://evil","x") <img src=x onerror=alert(1)> ${sequence}`,
      original_locale: 'lv',
      category_id: await categoryId(db, overrides.category),
      neb_values: overrides.nebValues ?? ['beautiful'],
      neb_sentences: JSON.stringify({ beautiful: '<b>pretty</b>' }),
      latitude: overrides.latitude ?? 55.8747,
      longitude: overrides.longitude ?? 26.5362,
      status: overrides.status ?? 'new',
      visibility: overrides.visibility ?? 'published',
      support_count: overrides.supportCount ?? 0,
      comment_count: overrides.commentCount ?? 0,
      created_at: overrides.createdAt ?? new Date(),
    })
    .returning('id');
  return row.id;
}
