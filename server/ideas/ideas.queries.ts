import type { Knex } from 'knex';
import type { Category } from '../categories/categories.queries';
import type { Locale } from '../config';
import type { LocalizedText } from '../i18n/format';
import type { IdeaFilters, IdeaListQuery, IdeaStatus, NebValue } from './ideas.schema';
import type { NebElement } from '../neb/neb.elements';
import { thumbnailSize } from '../uploads/photo-processing';

export type IdeaVisibility = 'draft' | 'workshop' | 'pending' | 'published' | 'hidden';
/** Where an idea came from: typed by its author, entered for a resident, or pinned in a workshop. */
export const ideaChannels = ['online', 'paper', 'phone', 'library', 'event', 'workshop'] as const;
export type IdeaChannel = (typeof ideaChannels)[number];
/** The channels of ideas entered for a resident by a volunteer or staff. */
export const assistedChannels = ['paper', 'phone', 'library', 'event'] as const satisfies readonly IdeaChannel[];
export type AssistedChannel = (typeof assistedChannels)[number];

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
  channel: IdeaChannel;
  /** The event's name, for the 'event' channel. */
  eventName: string | null;
  /** Who entered it for a resident (staff and the audit log only; never shown to visitors). */
  enteredBy: number | null;
  /** A grid square's centre: the place is approximate. */
  locationApproximate: boolean;
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

/** Every published idea's pin and what the map filters test, in columns (not sorted). */
export interface IdeaMapColumns {
  ids: Int32Array;
  longitudes: Float64Array;
  latitudes: Float64Array;
  consultations: Int32Array;
  categoryIds: Int32Array;
  /** Index into ideaStatuses. */
  statuses: Uint8Array;
  /** Bit i set when the idea carries nebValues[i]. */
  valueBits: Uint8Array;
  /** Slug of each category id. */
  categorySlugs: Map<number, string>;
}

/** Bytes of one pin in idea_map_pins (see its migration): id, longitude, latitude, consultation, category, status, values. */
const pinBytes = 30;

/**
 * One row of bytes instead of 100,000 rows: the embedded database spends seconds handing rows
 * over one by one, and sorting there spills to disk, so the caller sorts. The pins come from
 * their own narrow table (kept by triggers on ideas) as the exact doubles, with no printing in
 * PostgreSQL and no parsing of 100,000 numbers here; in base64, as PGlite decodes a bytea's hex
 * in a loop of its own (~450 ms for 3 MB, against ~40 ms for the whole query so). At 100,000
 * ideas the read fell from ~300 ms of scanning wide rows, splitting text and collecting garbage
 * to ~50 ms.
 */
export async function publishedIdeaMapColumns(db: Knex): Promise<IdeaMapColumns> {
  const { rows } = await db.raw<{ rows: { pins: string | null }[] }>(`select encode(string_agg(pin, ''::bytea), 'base64') as pins from idea_map_pins`);
  const categories: { id: number; slug: string }[] = await db('categories').select('id', 'slug');
  // PostgreSQL breaks base64 into lines; Node's decoder skips the line breaks.
  const pins = Buffer.from(rows[0].pins ?? '', 'base64');
  const count = pins.length / pinBytes;
  const columns: IdeaMapColumns = {
    ids: new Int32Array(count),
    longitudes: new Float64Array(count),
    latitudes: new Float64Array(count),
    consultations: new Int32Array(count),
    categoryIds: new Int32Array(count),
    statuses: new Uint8Array(count),
    valueBits: new Uint8Array(count),
    categorySlugs: new Map(categories.map((category) => [Number(category.id), category.slug])),
  };
  for (let index = 0, offset = 0; index < count; index++, offset += pinBytes) {
    columns.ids[index] = pins.readInt32BE(offset);
    columns.longitudes[index] = pins.readDoubleBE(offset + 4);
    columns.latitudes[index] = pins.readDoubleBE(offset + 12);
    columns.consultations[index] = pins.readInt32BE(offset + 20);
    columns.categoryIds[index] = pins.readInt32BE(offset + 24);
    columns.statuses[index] = pins[offset + 28];
    columns.valueBits[index] = pins[offset + 29];
  }
  return columns;
}

/** The first photo's small variant (the thumbnail the photo store made) and its size in pixels. */
export interface IdeaCardPhoto {
  thumbnailKey: string;
  width: number;
  height: number;
}

/** One idea as a card shows it (the list, profiles, the home page's list): `views/ideas/_card.ejs`. */
export interface IdeaListEntry {
  id: number;
  /** In the visitor's language when translated, else as written. */
  title: string;
  description: string;
  originalLocale: Locale;
  shownLocale: Locale;
  categoryName: LocalizedText;
  categorySlug: string;
  /** Icon name and colour of the category: its illustration when the idea has no photo. */
  categoryIcon: string;
  categoryColor: string;
  nebValues: NebValue[];
  status: IdeaStatus;
  placeName: string | null;
  channel: IdeaChannel;
  eventName: string | null;
  supportCount: number;
  commentCount: number;
  createdAt: Date;
  photo: IdeaCardPhoto | null;
}

interface IdeaCardRow extends Omit<IdeaListEntry, 'photo'> {
  photoKey: string | null;
  photoWidth: number | null;
  photoHeight: number | null;
}

/**
 * Cards for a page of ideas that `page` selects (ordered, limited, as a derived table named
 * `ideas`): the joins run on that page's rows only, so a deep page does not look up the photos
 * and translations of every idea it skips. The first photo is one index probe per card
 * (unique on idea_id, position).
 */
async function ideaCardsOf(db: Knex, page: Knex.QueryBuilder, locale: Locale, order: string): Promise<IdeaListEntry[]> {
  const rows: IdeaCardRow[] = await db
    .from(page.as('ideas'))
    .join('categories', 'categories.id', 'ideas.category_id')
    // A translation into the visitor's language, when someone wrote one.
    .leftJoin('idea_translations as translation', (join) => join.on('translation.idea_id', 'ideas.id').andOnVal('translation.locale', locale))
    .joinRaw(
      'left join lateral (select p.thumbnail_key, p.width, p.height from idea_photos p where p.idea_id = ideas.id order by p.position limit 1) as first_photo on true',
    )
    .orderByRaw(order)
    .select(
      'ideas.id',
      db.raw('coalesce(translation.title, ideas.title) as title'),
      db.raw('left(coalesce(translation.description, ideas.description), 300) as description'),
      'ideas.original_locale as originalLocale',
      db.raw('coalesce(translation.locale, ideas.original_locale) as "shownLocale"'),
      'categories.name as categoryName',
      'categories.slug as categorySlug',
      'categories.icon as categoryIcon',
      'categories.color as categoryColor',
      'ideas.neb_values as nebValues',
      'ideas.status',
      'ideas.place_name as placeName',
      'ideas.channel',
      'ideas.event_name as eventName',
      'ideas.support_count as supportCount',
      'ideas.comment_count as commentCount',
      'ideas.created_at as createdAt',
      'first_photo.thumbnail_key as photoKey',
      'first_photo.width as photoWidth',
      'first_photo.height as photoHeight',
    );
  return rows.map(({ photoKey, photoWidth, photoHeight, ...entry }) => ({
    ...entry,
    photo: photoKey === null ? null : { thumbnailKey: photoKey, ...thumbnailSize(Number(photoWidth), Number(photoHeight)) },
  }));
}

const listOrder: Record<IdeaListQuery['sort'], string> = {
  newest: 'ideas.created_at desc, ideas.id desc',
  supported: 'ideas.support_count desc, ideas.created_at desc, ideas.id desc',
  discussed: 'ideas.comment_count desc, ideas.created_at desc, ideas.id desc',
  assessed: 'ideas.created_at desc, ideas.id desc',
};

/** The lower median of an idea's published assessments for one element (null when none is published). */
const publishedNebMedian = (element: NebElement) =>
  `(select percentile_disc(0.5) within group (order by a.${element}_level) from neb_assessments a where a.idea_id = ideas.id and a.published_at is not null)`;

/** The list's own filters on top of the shared ones: the published NEB level of one element. */
function listMatching(db: Knex, query: IdeaListQuery) {
  const matching = publishedIdeasMatching(db, query);
  if (query.nebElement) matching.whereRaw(`${publishedNebMedian(query.nebElement)} >= ?`, [query.nebLevel ?? 0]);
  return matching;
}

function listOrderOf(query: IdeaListQuery): string {
  if (query.sort === 'assessed' && query.nebElement) return `${publishedNebMedian(query.nebElement)} desc nulls last, ideas.created_at desc, ideas.id desc`;
  return listOrder[query.sort];
}

/** Counting stops here: past it the list says "more than …" instead of scanning every idea. */
export const countLimit = 10_000;

/** How many published ideas the list's filters keep, counted up to countLimit. */
export async function publishedIdeaListCount(db: Knex, query: IdeaListQuery): Promise<{ total: number; totalIsAtLeast: boolean }> {
  const [{ total }] = await db
    .from(listMatching(db, query).select(db.raw('1')).limit(countLimit + 1).as('matching'))
    .count({ total: '*' });
  return { total: Math.min(Number(total), countLimit), totalIsAtLeast: Number(total) > countLimit };
}

/** The cards of one page of the list. */
export async function publishedIdeaListEntries(db: Knex, query: IdeaListQuery, perPage: number, locale: Locale): Promise<IdeaListEntry[]> {
  const order = listOrderOf(query);
  const page = listMatching(db, query)
    .orderByRaw(order)
    .limit(perPage)
    .offset((query.page - 1) * perPage)
    .select('ideas.*');
  return ideaCardsOf(db, page, locale, order);
}

export async function ideaById(db: Knex, id: number): Promise<Idea | undefined> {
  return db('ideas')
    .join('categories', 'categories.id', 'ideas.category_id')
    .leftJoin('users', 'users.id', 'ideas.author_id')
    .leftJoin('workshops', 'workshops.id', 'ideas.workshop_id')
    .where('ideas.id', id)
    .first(
      'ideas.id', 'ideas.consultation_id as consultationId', 'ideas.author_id as authorId', 'users.display_name as authorName', 'workshops.name as workshopName',
      'ideas.channel', 'ideas.event_name as eventName', 'ideas.entered_by as enteredBy', 'ideas.location_approximate as locationApproximate',
      'ideas.title', 'ideas.description', 'ideas.original_locale as originalLocale', 'ideas.neb_values as nebValues', 'ideas.neb_sentences as nebSentences',
      db.raw(`json_build_object('id', categories.id, 'slug', categories.slug, 'name', categories.name, 'icon', categories.icon, 'color', categories.color) as category`),
      'ideas.latitude', 'ideas.longitude', 'ideas.place_name as placeName',
      'ideas.status', 'ideas.visibility', 'ideas.hidden_reason as hiddenReason', 'ideas.duplicate_of_id as duplicateOfId', 'ideas.comments_locked as commentsLocked',
      'ideas.support_count as supportCount', 'ideas.comment_count as commentCount', 'ideas.created_at as createdAt', 'ideas.updated_at as updatedAt',
    );
}

/** A person's published ideas as cards, newest first (their profile). */
export async function publishedIdeaCardsOf(db: Knex, authorId: number, locale: Locale, limit = 50): Promise<IdeaListEntry[]> {
  const order = listOrder.newest;
  const page = db('ideas').where({ 'ideas.author_id': authorId, 'ideas.visibility': 'published' }).orderByRaw(order).limit(limit).select('ideas.*');
  return ideaCardsOf(db, page, locale, order);
}

/** An idea with where and in which language to write to its author (none once the author is erased: the idea is detached then). */
export async function ideaWithAuthorContact(db: Knex, id: number): Promise<{ id: number; title: string; email: string; locale: Locale } | undefined> {
  return db('ideas')
    .join('users', 'users.id', 'ideas.author_id')
    .where('ideas.id', id)
    .first('ideas.id', 'ideas.title', 'users.email', 'users.preferred_locale as locale');
}

export async function photosOfIdea(db: Knex, ideaId: number): Promise<IdeaPhoto[]> {
  return db('idea_photos')
    .where({ idea_id: ideaId })
    .orderBy('position')
    .select('id', 'position', 'large_key as largeKey', 'thumbnail_key as thumbnailKey', 'width', 'height');
}

/** The idea a stored photo file (large version or thumbnail) belongs to, and who may see it. */
export async function ideaOfPhotoKey(db: Knex, key: string): Promise<{ ideaId: number; authorId: number | null; visibility: IdeaVisibility } | undefined> {
  // Two index lookups rather than an OR that could scan.
  const owning = (column: 'large_key' | 'thumbnail_key') =>
    db('idea_photos').join('ideas', 'ideas.id', 'idea_photos.idea_id').where(`idea_photos.${column}`, key).select('ideas.id', 'ideas.author_id', 'ideas.visibility');
  const row: { id: number; author_id: number | null; visibility: IdeaVisibility } | undefined = (await owning('large_key').unionAll(owning('thumbnail_key')))[0];
  return row && { ideaId: Number(row.id), authorId: row.author_id === null ? null : Number(row.author_id), visibility: row.visibility };
}

/** Every photo row's two keys and idea, in id order from `afterId` (photos:move walks them in batches). */
export async function photoKeysAfter(db: Knex, afterId: number, limit: number): Promise<{ id: number; ideaId: number; largeKey: string; thumbnailKey: string }[]> {
  const rows: { id: number; idea_id: number; large_key: string; thumbnail_key: string }[] = await db('idea_photos')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .select('id', 'idea_id', 'large_key', 'thumbnail_key');
  return rows.map((row) => ({ id: Number(row.id), ideaId: Number(row.idea_id), largeKey: row.large_key, thumbnailKey: row.thumbnail_key }));
}

export async function photoRowCount(db: Knex): Promise<number> {
  return Number((await db('idea_photos').count<{ count: string | number }[]>('* as count'))[0].count);
}

/** Every published idea's id and last change, in id order: the sitemap's idea pages. */
export async function publishedIdeaSitemapEntries(db: Knex): Promise<{ id: number; updatedAt: Date }[]> {
  return db('ideas').where('visibility', 'published').orderBy('id').select('id', 'updated_at as updatedAt');
}

/** A published idea's title (emails about it); undefined when it is not, or no longer, published. */
export async function publishedIdeaTitle(db: Knex, id: number): Promise<{ id: number; title: string } | undefined> {
  return db('ideas').where({ id, visibility: 'published' }).first('id', 'title');
}

/** A person's unpublished drafts, for their account page. */
export async function draftsOf(db: Knex, authorId: number): Promise<Pick<Idea, 'id' | 'title' | 'originalLocale'>[]> {
  return db('ideas').where({ author_id: authorId, visibility: 'draft' }).orderBy('id').select('id', 'title', 'original_locale as originalLocale');
}

/** What a person writes and chooses; the same columns on creation and on edit. */
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

/** A new idea as stored: its content, its consultation, author or workshop, and how it came. */
export type NewIdea = IdeaContent & {
  consultationId: number;
  authorId: number | null;
  visibility: 'draft' | 'pending' | 'published' | 'workshop';
  workshopId?: number;
  workshopParticipantId?: number;
  /** Entered for a resident: the channel, the event, who entered it and when the resident's consent was recorded. */
  assisted?: { channel: AssistedChannel; eventName: string | null; enteredBy: number; locationApproximate: boolean };
};

const newIdeaColumns = (trx: Knex, idea: NewIdea) => ({
  consultation_id: idea.consultationId,
  author_id: idea.authorId,
  visibility: idea.visibility,
  workshop_id: idea.workshopId ?? null,
  workshop_participant_id: idea.workshopParticipantId ?? null,
  channel: idea.assisted?.channel ?? (idea.workshopId ? 'workshop' : 'online'),
  ...(idea.assisted
    ? {
        event_name: idea.assisted.eventName,
        entered_by: idea.assisted.enteredBy,
        consent_recorded_at: trx.fn.now(),
        location_approximate: idea.assisted.locationApproximate,
      }
    : {}),
  ...contentColumns(idea),
});

export async function insertIdea(trx: Knex, idea: NewIdea): Promise<number> {
  const [row] = await trx('ideas').insert(newIdeaColumns(trx, idea)).returning('id');
  return row.id;
}

/**
 * Many new ideas in multi-row statements of `chunk` rows: an import's thousands go in one
 * transaction, which holds the embedded database's single connection, so the round trips
 * of one statement per row are avoided. Returns each new id with the title, description and
 * point it was stored with (PostgreSQL does not promise RETURNING in the order of the rows).
 */
export async function insertIdeas(trx: Knex, ideas: NewIdea[], chunk = 500): Promise<{ id: number; title: string; description: string; latitude: number; longitude: number }[]> {
  const stored: { id: number; title: string; description: string; latitude: number; longitude: number }[] = [];
  for (let start = 0; start < ideas.length; start += chunk) {
    const rows = await trx('ideas')
      .insert(ideas.slice(start, start + chunk).map((idea) => newIdeaColumns(trx, idea)))
      .returning(['id', 'title', 'description', 'latitude', 'longitude']);
    stored.push(...rows.map((row: { id: number | string; title: string; description: string; latitude: number; longitude: number }) => ({ ...row, id: Number(row.id) })));
  }
  return stored;
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

/*
 * Writes and locks that other features make on ideas. The ideas table is written and locked
 * only in this module: a feature that changes an idea calls one of these inside its own transaction.
 */

/**
 * Locks the ideas' rows in id order; returns the ids that exist. Every change that locks more
 * than one idea takes them in this order, so two such changes wait for each other instead of deadlocking.
 */
export async function lockIdeasInIdOrder(trx: Knex, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows: { id: number }[] = await trx('ideas').whereIn('id', [...new Set(ids)]).orderBy('id').forUpdate().select('id');
  return rows.map((row) => Number(row.id));
}

/** An idea as it stands under its row lock: what a decision about it checks before changing it. */
export interface LockedIdea {
  id: number;
  authorId: number | null;
  consultationId: number;
  visibility: IdeaVisibility;
  status: IdeaStatus;
  originalLocale: Locale;
  categoryId: number;
  latitude: number;
  longitude: number;
  duplicateOfId: number | null;
  commentsLocked: boolean;
  hiddenReason: string | null;
  supportCount: number;
  commentCount: number;
}

/** Locks one idea's row and reads it (an edit and a status change do not interleave); undefined when there is no such idea. */
export async function lockIdeaState(trx: Knex, id: number): Promise<LockedIdea | undefined> {
  return trx('ideas')
    .where({ id })
    .forUpdate()
    .first(
      'id',
      'author_id as authorId',
      'consultation_id as consultationId',
      'visibility',
      'status',
      'original_locale as originalLocale',
      'category_id as categoryId',
      'latitude',
      'longitude',
      'duplicate_of_id as duplicateOfId',
      'comments_locked as commentsLocked',
      'hidden_reason as hiddenReason',
      'support_count as supportCount',
      'comment_count as commentCount',
    );
}

/**
 * Locks one idea's row and reads, in the same statement, what `read` joins and selects (only the
 * idea's row is locked). For hot paths, where one more round trip under the lock would slow every
 * waiting transaction: supporting an idea.
 */
export async function lockIdeaReading<T>(trx: Knex, id: number, read: (ideas: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<T | undefined> {
  // "No key update": rows that refer to the idea (supports, comments, follows) need not wait for it.
  return read(trx('ideas').where('ideas.id', id)).forNoKeyUpdate('ideas').first();
}

/** One idea's columns changed; `updated_at` too unless the change is not one of the idea itself. */
async function updateIdeaColumns(trx: Knex, id: number, columns: Record<string, unknown>, touch = true): Promise<void> {
  await trx('ideas')
    .where({ id })
    .update(touch ? { ...columns, updated_at: trx.fn.now() } : columns);
}

export const setIdeaCategory = (trx: Knex, id: number, categoryId: number) => updateIdeaColumns(trx, id, { category_id: categoryId });

/** A point a moderator placed is no longer a grid square's approximate centre. */
export const setIdeaLocation = (trx: Knex, id: number, latitude: number, longitude: number) => updateIdeaColumns(trx, id, { latitude, longitude, location_approximate: false });

/** Marks the idea a duplicate of `originalId`, or no longer one (null). */
export const setDuplicateOf = (trx: Knex, id: number, originalId: number | null) => updateIdeaColumns(trx, id, { duplicate_of_id: originalId });

export const setIdeaStatus = (trx: Knex, id: number, status: IdeaStatus) => updateIdeaColumns(trx, id, { status });

/** Locking the discussion is not a change of the idea: its `updated_at` stays. */
export const setIdeaCommentsLocked = (trx: Knex, id: number, locked: boolean) => updateIdeaColumns(trx, id, { comments_locked: locked }, false);

/**
 * Moves ideas to another visibility: one idea, or every idea pinned in a workshop. With `from`,
 * only ideas still in that visibility move; `hiddenReason` is written when given (null clears it).
 * `touch: false` keeps `updated_at`, for a change the site makes on its own (hiding after reports).
 * Returns the ids moved, in id order.
 */
export async function setIdeaVisibility(
  trx: Knex,
  which: { id: number; workshopId?: number } | { workshopId: number },
  change: { to: IdeaVisibility; from?: IdeaVisibility; hiddenReason?: string | null; touch?: boolean },
): Promise<number[]> {
  const query = trx('ideas');
  if ('id' in which) query.where('id', which.id);
  if (which.workshopId !== undefined) query.where('workshop_id', which.workshopId);
  if (change.from) query.where('visibility', change.from);
  const columns: Record<string, unknown> = { visibility: change.to };
  if (change.hiddenReason !== undefined) columns.hidden_reason = change.hiddenReason;
  if (change.touch !== false) columns.updated_at = trx.fn.now();
  const rows: { id: number }[] = await query.update(columns).returning('id');
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

/** Drafts of a newly verified account go public, or to moderation where the consultation asks for it; returns how many. */
export async function releaseDraftsOf(trx: Knex, authorId: number): Promise<number> {
  const rows = await trx.raw<{ rows: { id: number }[] }>(
    `update ideas set visibility = case when consultations.moderation_mode = 'pre' then 'pending' else 'published' end, updated_at = now()
     from consultations
     where consultations.id = ideas.consultation_id and ideas.author_id = ? and ideas.visibility = 'draft'
     returning ideas.id`,
    [authorId],
  );
  return rows.rows.length;
}

/**
 * Adds `delta` to a counter of the ideas, which the caller has locked (in id order when more
 * than one). Returns the new values by idea id.
 */
export async function adjustIdeaCounter(trx: Knex, counter: 'support_count' | 'comment_count', ideaIds: readonly number[], delta: number): Promise<Map<number, number>> {
  if (!ideaIds.length) return new Map();
  const rows: { id: number; count: number }[] = await trx('ideas')
    .whereIn('id', [...ideaIds])
    .update({ [counter]: trx.raw('?? + ?', [counter, delta]) })
    .returning(['id', `${counter} as count`]);
  return new Map(rows.map((row) => [Number(row.id), Number(row.count)]));
}

/**
 * Locks the ideas of an account that an erasure deletes: its drafts (nobody else saw them) and,
 * with `alsoUntouched`, its ideas that nobody else supported or commented. Returns their ids.
 */
export async function lockErasableIdeasOf(trx: Knex, authorId: number, alsoUntouched: boolean): Promise<number[]> {
  const query = trx('ideas').where('ideas.author_id', authorId);
  if (alsoUntouched) {
    query.where((where) =>
      where.where('ideas.visibility', 'draft').orWhere((untouched) =>
        untouched.where('ideas.support_count', 0).whereNotExists(
          trx('comments').whereRaw('comments.idea_id = ideas.id').andWhere((other) => other.whereNull('comments.author_id').orWhereNot('comments.author_id', authorId)),
        ),
      ),
    );
  } else {
    query.where('ideas.visibility', 'draft');
  }
  return (await query.orderBy('ideas.id').forUpdate().select('ideas.id')).map((row) => Number(row.id));
}

/** The stored photo files of the ideas, to delete after the rows are gone. */
export async function photoKeysOfIdeas(db: Knex, ideaIds: readonly number[]): Promise<string[]> {
  const photos: { large_key: string; thumbnail_key: string }[] = await db('idea_photos').whereIn('idea_id', [...ideaIds]).select('large_key', 'thumbnail_key');
  return photos.flatMap((photo) => [photo.large_key, photo.thumbnail_key]);
}

export async function deleteIdeaRows(trx: Knex, ids: readonly number[]): Promise<void> {
  if (ids.length) await trx('ideas').whereIn('id', [...ids]).delete();
}

/** The ideas of an erased account stay, as by "a former participant". */
export async function detachIdeasFromAuthor(trx: Knex, authorId: number): Promise<void> {
  await trx('ideas').where({ author_id: authorId }).update({ author_id: null });
}

/** What decides who may see an idea, read before anything else about it. */
export async function ideaVisibilityById(db: Knex, id: number): Promise<{ id: number; authorId: number | null; visibility: IdeaVisibility } | undefined> {
  return db('ideas').where({ id }).first('id', 'author_id as authorId', 'visibility');
}
