import type { Knex } from 'knex';
import type { Category } from '../categories/categories.queries';
import type { Locale } from '../config';
import type { LocalizedText } from '../i18n/format';
import type { IdeaFilters, IdeaListQuery, IdeaStatus, NebValue } from './ideas.schema';

export type IdeaVisibility = 'draft' | 'workshop' | 'pending' | 'published' | 'hidden';

export interface IdeaPhoto {
  id: number;
  position: number;
  largeKey: string;
  thumbnailKey: string;
  width: number;
  height: number;
}

export interface Idea {
  id: number;
  consultationId: number;
  authorId: number | null;
  authorName: string | null;
  /** Name of the youth workshop it was pinned in, if any: it then has no author account. */
  workshopName: string | null;
  title: string;
  description: string;
  originalLocale: Locale;
  category: Category;
  nebValues: NebValue[];
  nebSentences: Partial<Record<NebValue, string>>;
  latitude: number;
  longitude: number;
  placeName: string | null;
  status: IdeaStatus;
  visibility: IdeaVisibility;
  /** Why a moderator hid it; shown to its author and staff only. */
  hiddenReason: string | null;
  duplicateOfId: number | null;
  commentsLocked: boolean;
  supportCount: number;
  commentCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Published ideas matching the filters, as a query to select from (map, list and exports). */
export function publishedIdeasMatching(db: Knex, filters: IdeaFilters) {
  const query = db('ideas').where('ideas.visibility', 'published');
  if (filters.consultation) query.where('ideas.consultation_id', filters.consultation);
  if (filters.category) query.whereIn('ideas.category_id', db('categories').select('id').where('slug', filters.category));
  if (filters.value) query.whereRaw('? = any(ideas.neb_values)', [filters.value]);
  if (filters.status) query.where('ideas.status', filters.status);
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    query.where((where) => where.whereILike('ideas.title', pattern).orWhereILike('ideas.description', pattern));
  }
  if (filters.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filters.bbox;
    // Uses the GiST index on point(longitude, latitude) of published ideas.
    query.whereRaw('point(ideas.longitude, ideas.latitude) <@ box(point(?, ?), point(?, ?))', [minLon, minLat, maxLon, maxLat]);
  }
  return query;
}

export interface IdeaMapPoint {
  id: number;
  latitude: number;
  longitude: number;
  category: string;
}

/** Only what the map draws; details load when a pin is opened. */
export async function publishedIdeaMapPoints(db: Knex, filters: IdeaFilters): Promise<IdeaMapPoint[]> {
  return publishedIdeasMatching(db, filters)
    .join('categories', 'categories.id', 'ideas.category_id')
    .select('ideas.id', 'ideas.latitude', 'ideas.longitude', 'categories.slug as category');
}

export interface IdeaListEntry {
  id: number;
  /** In the visitor's language when translated, else as written. */
  title: string;
  description: string;
  originalLocale: Locale;
  shownLocale: Locale;
  categoryName: LocalizedText;
  categorySlug: string;
  status: IdeaStatus;
  placeName: string | null;
  supportCount: number;
  commentCount: number;
  createdAt: Date;
}

const listOrder: Record<IdeaListQuery['sort'], string> = {
  newest: 'ideas.created_at desc, ideas.id desc',
  supported: 'ideas.support_count desc, ideas.created_at desc, ideas.id desc',
  discussed: 'ideas.comment_count desc, ideas.created_at desc, ideas.id desc',
};

/** Counting stops here: past it the list says "more than …" instead of scanning every idea. */
export const countLimit = 10_000;

export async function publishedIdeaListPage(
  db: Knex,
  query: IdeaListQuery,
  perPage: number,
  locale: Locale,
): Promise<{ entries: IdeaListEntry[]; total: number; totalIsAtLeast: boolean }> {
  const [{ total }] = await db
    .from(publishedIdeasMatching(db, query).select(db.raw('1')).limit(countLimit + 1).as('matching'))
    .count({ total: '*' });
  const rows = await publishedIdeasMatching(db, query)
    .join('categories', 'categories.id', 'ideas.category_id')
    // A translation into the visitor's language, when someone wrote one.
    .leftJoin('idea_translations as translation', (join) => join.on('translation.idea_id', 'ideas.id').andOnVal('translation.locale', locale))
    .orderByRaw(listOrder[query.sort])
    .limit(perPage)
    .offset((query.page - 1) * perPage)
    .select(
      'ideas.id',
      db.raw('coalesce(translation.title, ideas.title) as title'),
      db.raw('left(coalesce(translation.description, ideas.description), 300) as description'),
      'ideas.original_locale as originalLocale',
      db.raw('coalesce(translation.locale, ideas.original_locale) as "shownLocale"'),
      'categories.name as categoryName',
      'categories.slug as categorySlug',
      'ideas.status',
      'ideas.place_name as placeName',
      'ideas.support_count as supportCount',
      'ideas.comment_count as commentCount',
      'ideas.created_at as createdAt',
    );
  return { entries: rows, total: Math.min(Number(total), countLimit), totalIsAtLeast: Number(total) > countLimit };
}

export async function ideaById(db: Knex, id: number): Promise<Idea | undefined> {
  const row = await db('ideas')
    .join('categories', 'categories.id', 'ideas.category_id')
    .leftJoin('users', 'users.id', 'ideas.author_id')
    .leftJoin('workshops', 'workshops.id', 'ideas.workshop_id')
    .where('ideas.id', id)
    .first(
      'ideas.*',
      'users.display_name as author_name',
      'workshops.name as workshop_name',
      'categories.slug as category_slug',
      'categories.name as category_name',
      'categories.icon as category_icon',
      'categories.color as category_color',
    );
  if (!row) return undefined;
  return {
    id: row.id,
    consultationId: row.consultation_id,
    authorId: row.author_id,
    authorName: row.author_name,
    workshopName: row.workshop_name,
    title: row.title,
    description: row.description,
    originalLocale: row.original_locale,
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name, icon: row.category_icon, color: row.category_color },
    nebValues: row.neb_values,
    nebSentences: row.neb_sentences,
    latitude: row.latitude,
    longitude: row.longitude,
    placeName: row.place_name,
    status: row.status,
    visibility: row.visibility,
    hiddenReason: row.hidden_reason,
    duplicateOfId: row.duplicate_of_id,
    commentsLocked: row.comments_locked,
    supportCount: row.support_count,
    commentCount: row.comment_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function photosOfIdea(db: Knex, ideaId: number): Promise<IdeaPhoto[]> {
  return db('idea_photos')
    .where({ idea_id: ideaId })
    .orderBy('position')
    .select('id', 'position', 'large_key as largeKey', 'thumbnail_key as thumbnailKey', 'width', 'height');
}

/** What a person writes and chooses; the same columns on creation and on edit. */
/** A published idea's title (emails about it); undefined when it is not, or no longer, published. */
export async function publishedIdeaTitle(db: Knex, id: number): Promise<{ id: number; title: string } | undefined> {
  return db('ideas').where({ id, visibility: 'published' }).first('id', 'title');
}

/** A person's unpublished drafts, for their account page. */
export async function draftsOf(db: Knex, authorId: number): Promise<Pick<Idea, 'id' | 'title' | 'originalLocale'>[]> {
  return db('ideas').where({ author_id: authorId, visibility: 'draft' }).orderBy('id').select('id', 'title', 'original_locale as originalLocale');
}

export interface IdeaContent {
  title: string;
  description: string;
  originalLocale: Locale;
  categoryId: number;
  nebValues: NebValue[];
  nebSentences: Partial<Record<NebValue, string>>;
  latitude: number;
  longitude: number;
  placeName: string | null;
}

const contentColumns = (idea: IdeaContent) => ({
  title: idea.title,
  description: idea.description,
  original_locale: idea.originalLocale,
  category_id: idea.categoryId,
  neb_values: idea.nebValues,
  neb_sentences: JSON.stringify(idea.nebSentences),
  latitude: idea.latitude,
  longitude: idea.longitude,
  place_name: idea.placeName,
});

export async function insertIdea(
  trx: Knex,
  idea: IdeaContent & {
    consultationId: number;
    authorId: number | null;
    visibility: 'draft' | 'pending' | 'published' | 'workshop';
    workshopId?: number;
    workshopParticipantId?: number;
  },
): Promise<number> {
  const [row] = await trx('ideas')
    .insert({
      consultation_id: idea.consultationId,
      author_id: idea.authorId,
      visibility: idea.visibility,
      workshop_id: idea.workshopId ?? null,
      workshop_participant_id: idea.workshopParticipantId ?? null,
      ...contentColumns(idea),
    })
    .returning('id');
  return row.id;
}

export async function updateIdeaContent(trx: Knex, id: number, idea: IdeaContent): Promise<void> {
  await trx('ideas')
    .where({ id })
    .update({ ...contentColumns(idea), updated_at: trx.fn.now() });
}

export async function insertPhotos(trx: Knex, ideaId: number, photos: Omit<IdeaPhoto, 'id'>[]): Promise<void> {
  if (!photos.length) return;
  await trx('idea_photos').insert(
    photos.map((photo) => ({
      idea_id: ideaId,
      position: photo.position,
      large_key: photo.largeKey,
      thumbnail_key: photo.thumbnailKey,
      width: photo.width,
      height: photo.height,
    })),
  );
}

export async function deletePhotos(trx: Knex, ideaId: number, photoIds: number[]): Promise<IdeaPhoto[]> {
  if (!photoIds.length) return [];
  return trx('idea_photos')
    .where({ idea_id: ideaId })
    .whereIn('id', photoIds)
    .delete()
    .returning(['id', 'position', 'large_key as largeKey', 'thumbnail_key as thumbnailKey', 'width', 'height']);
}

export async function deleteIdeaRow(trx: Knex, id: number): Promise<void> {
  await trx('ideas').where({ id }).delete();
}

/** Row lock on the idea, so that an edit and a status change do not interleave. */
export async function lockIdea(trx: Knex, id: number): Promise<{ authorId: number | null; status: IdeaStatus } | undefined> {
  const row = await trx('ideas').where({ id }).forUpdate().first('author_id', 'status');
  return row ? { authorId: row.author_id, status: row.status } : undefined;
}

export interface IdeaLink {
  id: number;
  title: string;
  originalLocale: Locale;
}

/** The published original this idea repeats, and the published ideas marked as repeating it. */
export async function duplicateLinks(db: Knex, idea: Pick<Idea, 'id' | 'duplicateOfId'>): Promise<{ original?: IdeaLink; duplicates: IdeaLink[] }> {
  const columns = ['id', 'title', 'original_locale as originalLocale'];
  const original = idea.duplicateOfId ? await db('ideas').where({ id: idea.duplicateOfId, visibility: 'published' }).first(columns) : undefined;
  const duplicates = await db('ideas').where({ duplicate_of_id: idea.id, visibility: 'published' }).orderBy('id').limit(20).select(columns);
  return { original, duplicates };
}
