import type { Knex } from 'knex';
import type { IdeaStatus } from '../ideas/ideas.schema';

export const milestoneKinds = ['planned', 'designed', 'budget_approved', 'works_started', 'opened', 'other'] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];
export type LocalisedText = Partial<Record<'lv' | 'ru' | 'en', string>>;
export type PhotoMark = 'before' | 'after';

export interface MilestonePhoto {
  id: number;
  milestoneId: number;
  largeKey: string;
  thumbnailKey: string;
  width: number;
  height: number;
}

export interface Milestone {
  id: number;
  ideaId: number;
  kind: MilestoneKind;
  label: LocalisedText | null;
  /** YYYY-MM-DD */
  happenedOn: string;
  text: LocalisedText;
  progress: number | null;
  createdAt: Date;
  /** null once the staff account is erased. */
  createdByName: string | null;
  photos: MilestonePhoto[];
}

/** A photo shown as "before" or "after": one of the idea's own or a milestone's. */
export interface ResultPhoto {
  mark: PhotoMark;
  ideaPhotoId: number | null;
  milestonePhotoId: number | null;
  largeKey: string;
  thumbnailKey: string;
  width: number;
  height: number;
}

const milestoneColumns = [
  'idea_milestones.id',
  'idea_milestones.idea_id as ideaId',
  'idea_milestones.kind',
  'idea_milestones.label',
  'idea_milestones.text',
  'idea_milestones.progress',
  'idea_milestones.created_at as createdAt',
];

async function withPhotos(db: Knex, rows: Omit<Milestone, 'photos'>[]): Promise<Milestone[]> {
  if (!rows.length) return [];
  const photos: MilestonePhoto[] = await db('idea_milestone_photos')
    .whereIn('milestone_id', rows.map((row) => row.id))
    .orderBy(['milestone_id', 'position'])
    .select('id', 'milestone_id as milestoneId', 'large_key as largeKey', 'thumbnail_key as thumbnailKey', 'width', 'height');
  return rows.map((row) => ({ ...row, id: Number(row.id), ideaId: Number(row.ideaId), photos: photos.filter((photo) => Number(photo.milestoneId) === Number(row.id)) }));
}

/** An idea's milestones, oldest first (the timeline's order). */
export async function milestonesOfIdea(db: Knex, ideaId: number): Promise<Milestone[]> {
  const rows = await db('idea_milestones')
    .leftJoin('users', 'users.id', 'idea_milestones.created_by')
    .where('idea_milestones.idea_id', ideaId)
    .orderBy([{ column: 'idea_milestones.happened_on' }, { column: 'idea_milestones.id' }])
    .select(...milestoneColumns, db.raw(`to_char(idea_milestones.happened_on, 'YYYY-MM-DD') as "happenedOn"`), 'users.display_name as createdByName');
  return withPhotos(db, rows);
}

export async function resultPhotosOfIdea(db: Knex, ideaId: number): Promise<ResultPhoto[]> {
  return db('idea_result_photos')
    .leftJoin('idea_photos', 'idea_photos.id', 'idea_result_photos.idea_photo_id')
    .leftJoin('idea_milestone_photos', 'idea_milestone_photos.id', 'idea_result_photos.milestone_photo_id')
    .where('idea_result_photos.idea_id', ideaId)
    .orderBy('idea_result_photos.mark', 'desc')
    .select(
      'idea_result_photos.mark',
      'idea_result_photos.idea_photo_id as ideaPhotoId',
      'idea_result_photos.milestone_photo_id as milestonePhotoId',
      db.raw('coalesce(idea_photos.large_key, idea_milestone_photos.large_key) as "largeKey"'),
      db.raw('coalesce(idea_photos.thumbnail_key, idea_milestone_photos.thumbnail_key) as "thumbnailKey"'),
      db.raw('coalesce(idea_photos.width, idea_milestone_photos.width) as width'),
      db.raw('coalesce(idea_photos.height, idea_milestone_photos.height) as height'),
    );
}

/** The day (in Riga) the idea was submitted: no milestone may come before it. */
export async function submittedOn(db: Knex, ideaId: number): Promise<string | undefined> {
  const row = await db('ideas').where({ id: ideaId }).first(db.raw(`to_char(created_at at time zone 'Europe/Riga', 'YYYY-MM-DD') as day`));
  return row?.day;
}

/** Whether a photo belongs to the idea, as one of its own or a milestone's. */
export async function photoOfIdea(db: Knex, ideaId: number, source: 'idea' | 'milestone', photoId: number): Promise<boolean> {
  const table = source === 'idea' ? 'idea_photos' : 'idea_milestone_photos';
  return Boolean(await db(table).where({ id: photoId, idea_id: ideaId }).first('id'));
}

export async function insertMilestone(
  trx: Knex,
  milestone: { ideaId: number; createdBy: number; kind: MilestoneKind; label: LocalisedText | null; happenedOn: string; text: LocalisedText; progress: number | null },
): Promise<number> {
  const [row] = await trx('idea_milestones')
    .insert({
      idea_id: milestone.ideaId,
      created_by: milestone.createdBy,
      kind: milestone.kind,
      label: milestone.label ? JSON.stringify(milestone.label) : null,
      happened_on: milestone.happenedOn,
      text: JSON.stringify(milestone.text),
      progress: milestone.progress,
    })
    .returning('id');
  return Number(row.id);
}

export async function insertMilestonePhotos(
  trx: Knex,
  milestoneId: number,
  ideaId: number,
  photos: { largeKey: string; thumbnailKey: string; width: number; height: number }[],
): Promise<void> {
  if (!photos.length) return;
  await trx('idea_milestone_photos').insert(
    photos.map((photo, position) => ({
      milestone_id: milestoneId,
      idea_id: ideaId,
      position,
      large_key: photo.largeKey,
      thumbnail_key: photo.thumbnailKey,
      width: photo.width,
      height: photo.height,
    })),
  );
}

/** Sets (or moves) the idea's "before" or "after" mark to one photo. */
export async function setResultPhoto(trx: Knex, mark: { ideaId: number; mark: PhotoMark; source: 'idea' | 'milestone'; photoId: number; markedBy: number }): Promise<void> {
  await trx('idea_result_photos')
    .insert({
      idea_id: mark.ideaId,
      mark: mark.mark,
      idea_photo_id: mark.source === 'idea' ? mark.photoId : null,
      milestone_photo_id: mark.source === 'milestone' ? mark.photoId : null,
      marked_by: mark.markedBy,
      marked_at: trx.fn.now(),
    })
    .onConflict(['idea_id', 'mark'])
    .merge();
}

/** A milestone with its idea's title, for the email to followers. */
export async function milestoneForEmail(
  db: Knex,
  milestoneId: number,
): Promise<{ ideaId: number; title: string; kind: MilestoneKind; label: LocalisedText | null; happenedOn: string; text: LocalisedText; progress: number | null } | undefined> {
  return db('idea_milestones')
    .join('ideas', 'ideas.id', 'idea_milestones.idea_id')
    .where('idea_milestones.id', milestoneId)
    .where('ideas.visibility', 'published')
    .first(
      'ideas.id as ideaId',
      'ideas.title',
      'idea_milestones.kind',
      'idea_milestones.label',
      db.raw(`to_char(idea_milestones.happened_on, 'YYYY-MM-DD') as "happenedOn"`),
      'idea_milestones.text',
      'idea_milestones.progress',
    );
}

/** A staff member's own milestones, for My data. */
export async function milestonesBy(db: Knex, userId: number): Promise<{ id: number; ideaId: number; kind: string; happenedOn: string; text: LocalisedText; progress: number | null; createdAt: Date }[]> {
  return db('idea_milestones')
    .where({ created_by: userId })
    .orderBy('id')
    .select('id', 'idea_id as ideaId', 'kind', 'label', db.raw(`to_char(happened_on, 'YYYY-MM-DD') as "happenedOn"`), 'text', 'progress', 'created_at as createdAt');
}

export interface ResultsFilters {
  consultation?: number;
  category?: string;
  year?: number;
}

export interface ResultCard {
  id: number;
  title: string;
  originalLocale: string;
  status: IdeaStatus;
  consultationId: number;
  categorySlug: string;
  latitude: number;
  longitude: number;
  /** The year it was marked implemented (Riga), null while in progress. */
  completedYear: number | null;
  completedAt: Date | null;
  updatedAt: Date;
  afterThumbnailKey: string | null;
  afterLargeKey: string | null;
  latestProgress: number | null;
}

/** Published ideas in progress or implemented, newest results first. */
export async function publishedResults(db: Knex, filters: ResultsFilters, limit = 500): Promise<ResultCard[]> {
  const completed = db('idea_status_changes')
    .where('to_status', 'implemented')
    .groupBy('idea_id')
    .select('idea_id', db.raw('max(created_at) as completed_at'))
    .as('completed');
  const query = db('ideas')
    .join('categories', 'categories.id', 'ideas.category_id')
    .leftJoin(completed, 'completed.idea_id', 'ideas.id')
    .leftJoin('idea_result_photos as after_mark', function () {
      this.on('after_mark.idea_id', '=', 'ideas.id').andOnVal('after_mark.mark', '=', 'after');
    })
    .leftJoin('idea_milestone_photos as after_photo', 'after_photo.id', 'after_mark.milestone_photo_id')
    .where('ideas.visibility', 'published')
    .whereIn('ideas.status', ['in_progress', 'implemented'])
    .orderByRaw(`ideas.status = 'implemented' desc, coalesce(completed.completed_at, ideas.updated_at) desc, ideas.id desc`)
    .limit(limit)
    .select(
      'ideas.id',
      'ideas.title',
      'ideas.original_locale as originalLocale',
      'ideas.status',
      'ideas.consultation_id as consultationId',
      'categories.slug as categorySlug',
      'ideas.latitude',
      'ideas.longitude',
      'ideas.updated_at as updatedAt',
      'completed.completed_at as completedAt',
      db.raw(`case when ideas.status = 'implemented' then extract(year from completed.completed_at at time zone 'Europe/Riga')::int end as "completedYear"`),
      'after_photo.thumbnail_key as afterThumbnailKey',
      'after_photo.large_key as afterLargeKey',
      db.raw(`(select progress from idea_milestones m where m.idea_id = ideas.id and m.progress is not null order by m.happened_on desc, m.id desc limit 1) as "latestProgress"`),
    );
  if (filters.consultation !== undefined) query.where('ideas.consultation_id', filters.consultation);
  if (filters.category !== undefined) query.where('categories.slug', filters.category);
  if (filters.year !== undefined) {
    query.where('ideas.status', 'implemented').whereRaw(`extract(year from completed.completed_at at time zone 'Europe/Riga') = ?`, [filters.year]);
  }
  const rows = await query;
  return rows.map((row) => ({ ...row, id: Number(row.id), consultationId: Number(row.consultationId), latitude: Number(row.latitude), longitude: Number(row.longitude) }));
}

/** The years in which published ideas were completed, for the filter. */
export async function completionYears(db: Knex): Promise<number[]> {
  const rows = await db('idea_status_changes')
    .join('ideas', 'ideas.id', 'idea_status_changes.idea_id')
    .where({ 'idea_status_changes.to_status': 'implemented', 'ideas.visibility': 'published', 'ideas.status': 'implemented' })
    .distinct(db.raw(`extract(year from idea_status_changes.created_at at time zone 'Europe/Riga')::int as year`))
    .orderBy('year', 'desc');
  return rows.map((row) => Number(row.year));
}

/** The stored files of the ideas' milestone photos: removed with the ideas (their rows go by cascade). */
export async function milestonePhotoKeysOfIdeas(db: Knex, ideaIds: readonly number[]): Promise<string[]> {
  if (!ideaIds.length) return [];
  const photos: { large_key: string; thumbnail_key: string }[] = await db('idea_milestone_photos').whereIn('idea_id', [...ideaIds]).select('large_key', 'thumbnail_key');
  return photos.flatMap((photo) => [photo.large_key, photo.thumbnail_key]);
}

/** What the staff exports say of an idea's milestones; the latest is the last on the timeline. */
export interface MilestoneSummary {
  count: number;
  latestKind: MilestoneKind;
  latestLabel: LocalisedText | null;
  /** YYYY-MM-DD */
  latestOn: string;
  latestProgress: number | null;
}

export async function milestoneSummariesOfIdeas(db: Knex, ideaIds: readonly number[]): Promise<Map<number, MilestoneSummary>> {
  if (!ideaIds.length) return new Map();
  const ranked = db('idea_milestones')
    .whereIn('idea_id', [...ideaIds])
    .select(
      'idea_id',
      'kind',
      'label',
      'progress',
      db.raw(`to_char(happened_on, 'YYYY-MM-DD') as "happenedOn"`),
      db.raw('count(*) over (partition by idea_id)::int as count'),
      db.raw('row_number() over (partition by idea_id order by happened_on desc, id desc)::int as recency'),
    )
    .as('ranked');
  const rows = await db.from(ranked).where('recency', 1).select('*');
  return new Map(
    rows.map((row) => [
      Number(row.idea_id),
      { count: Number(row.count), latestKind: row.kind, latestLabel: row.label, latestOn: row.happenedOn, latestProgress: row.progress === null ? null : Number(row.progress) },
    ]),
  );
}

/** The day (Riga) each implemented idea was last marked implemented; ideas not implemented now are left out. */
export async function completionDaysOfIdeas(db: Knex, ideaIds: readonly number[]): Promise<Map<number, string>> {
  if (!ideaIds.length) return new Map();
  const rows = await db('idea_status_changes')
    .join('ideas', 'ideas.id', 'idea_status_changes.idea_id')
    .whereIn('idea_status_changes.idea_id', [...ideaIds])
    .where({ 'idea_status_changes.to_status': 'implemented', 'ideas.status': 'implemented' })
    .groupBy('idea_status_changes.idea_id')
    .select('idea_status_changes.idea_id', db.raw(`to_char(max(idea_status_changes.created_at) at time zone 'Europe/Riga', 'YYYY-MM-DD') as day`));
  return new Map(rows.map((row) => [Number(row.idea_id), row.day as string]));
}
