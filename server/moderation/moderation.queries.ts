import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { IdeaVisibility } from '../ideas/ideas.queries';
import type { QueueQuery } from './moderation.schema';
import { hasUnreviewedRevisionSql, ideasWithUnreviewedRevisionsCountSql, unreviewedRevisionsOfListedIdea } from '../ideas/idea-revisions.queries';

export interface ReportSummary {
  reason: string;
  details: string | null;
  createdAt: string;
}

export interface QueueIdea {
  id: number;
  title: string;
  description: string;
  originalLocale: Locale;
  visibility: IdeaVisibility;
  authorId: number | null;
  authorName: string | null;
  authorBlocked: boolean;
  workshopName: string | null;
  createdAt: Date;
  reportCount: number;
  reports: ReportSummary[];
  /** Its author changed it after visitors could read it, and no moderator has looked yet. */
  edited: boolean;
}

export interface QueueComment {
  id: number;
  ideaId: number;
  ideaTitle: string;
  body: string;
  hiddenAt: Date | null;
  authorId: number | null;
  authorName: string | null;
  authorBlocked: boolean;
  createdAt: Date;
  reportCount: number;
  reports: ReportSummary[];
}

export const queuePageSize = 25;

// Open reports of one item, newest first, with the count: what a moderator weighs.
const openReportsOf = (db: Knex, column: 'idea_id' | 'comment_id', outer: string) =>
  db.raw(
    `(select coalesce(jsonb_agg(jsonb_build_object('reason', r.reason, 'details', r.details, 'createdAt', r.created_at) order by r.created_at desc), '[]'::jsonb)
      from reports r where r.${column} = ${outer}.id and r.resolved_at is null) as reports`,
  );

const openReportCount = (db: Knex, column: 'idea_id' | 'comment_id', outer: string) =>
  db.raw(`(select count(*) from reports r where r.${column} = ${outer}.id and r.resolved_at is null)::int as "reportCount"`);

const lastReportedAt = (column: 'idea_id' | 'comment_id', outer: string) =>
  `(select max(r.created_at) from reports r where r.${column} = ${outer}.id and r.resolved_at is null)`;

const ideaColumns = (db: Knex) => [
  'ideas.id',
  'ideas.title',
  db.raw('left(ideas.description, 400) as description'),
  'ideas.original_locale as originalLocale',
  'ideas.visibility',
  'ideas.author_id as authorId',
  'users.display_name as authorName',
  db.raw('users.blocked_at is not null as "authorBlocked"'),
  'workshops.name as workshopName',
  'ideas.created_at as createdAt',
  openReportCount(db, 'idea_id', 'ideas'),
  openReportsOf(db, 'idea_id', 'ideas'),
  db.raw(`${hasUnreviewedRevisionSql} as edited`),
];

/** Pending ideas (pre-moderated consultations), ideas with open reports, or ideas edited since a moderator looked: one page of them. */
export async function queueIdeas(db: Knex, query: QueueQuery): Promise<{ items: QueueIdea[]; total: number }> {
  const base = () => {
    const matching = db('ideas');
    if (query.view === 'pending') matching.where('ideas.visibility', 'pending');
    else if (query.view === 'edited') matching.whereExists(unreviewedRevisionsOfListedIdea(db));
    else matching.whereExists(db('reports').whereRaw('reports.idea_id = ideas.id').whereNull('reports.resolved_at'));
    return matching;
  };
  const [{ total }] = await base().count({ total: '*' });
  const order =
    query.sort === 'reports'
      ? `"reportCount" desc, ideas.created_at desc, ideas.id desc`
      : query.view === 'pending'
        ? 'ideas.created_at desc, ideas.id desc'
        : query.view === 'edited'
          ? 'ideas.updated_at desc, ideas.id desc'
        : `${lastReportedAt('idea_id', 'ideas')} desc nulls last, ideas.id desc`;
  const items = await base()
    .leftJoin('users', 'users.id', 'ideas.author_id')
    .leftJoin('workshops', 'workshops.id', 'ideas.workshop_id')
    .select(ideaColumns(db))
    .orderByRaw(order)
    .limit(queuePageSize)
    .offset((query.page - 1) * queuePageSize);
  return { items, total: Number(total) };
}

/** Comments with open reports, one page of them. */
export async function queueComments(db: Knex, query: QueueQuery): Promise<{ items: QueueComment[]; total: number }> {
  const base = () => db('comments').whereNull('comments.deleted_at').whereExists(db('reports').whereRaw('reports.comment_id = comments.id').whereNull('reports.resolved_at'));
  const [{ total }] = await base().count({ total: '*' });
  const order = query.sort === 'reports' ? `"reportCount" desc, comments.id desc` : `${lastReportedAt('comment_id', 'comments')} desc nulls last, comments.id desc`;
  const items = await base()
    .join('ideas', 'ideas.id', 'comments.idea_id')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .select(
      'comments.id',
      'comments.idea_id as ideaId',
      'ideas.title as ideaTitle',
      'comments.body',
      'comments.hidden_at as hiddenAt',
      'comments.author_id as authorId',
      'users.display_name as authorName',
      db.raw('users.blocked_at is not null as "authorBlocked"'),
      'comments.created_at as createdAt',
      openReportCount(db, 'comment_id', 'comments'),
      openReportsOf(db, 'comment_id', 'comments'),
    )
    .orderByRaw(order)
    .limit(queuePageSize)
    .offset((query.page - 1) * queuePageSize);
  return { items, total: Number(total) };
}

/** How much waits in each part of the queue, for its tabs and the staff home page. */
export async function queueCounts(db: Knex): Promise<Record<'pending' | 'ideas' | 'comments' | 'edited', number>> {
  const { rows } = await db.raw<{ rows: { pending: number; ideas: number; comments: number; edited: number }[] }>(`
    select
      ${ideasWithUnreviewedRevisionsCountSql} as edited,
      (select count(*) from ideas where visibility = 'pending')::int as pending,
      (select count(distinct idea_id) from reports where resolved_at is null and idea_id is not null)::int as ideas,
      (select count(distinct r.comment_id) from reports r join comments c on c.id = r.comment_id
        where r.resolved_at is null and c.deleted_at is null)::int as comments`);
  return rows[0];
}

const openReports = (db: Knex, where: Record<string, number>): Promise<ReportSummary[]> =>
  db('reports').where(where).whereNull('resolved_at').orderBy('created_at', 'desc').select('reason', 'details', 'created_at as createdAt');

export const openReportsOfIdea = (db: Knex, ideaId: number) => openReports(db, { idea_id: ideaId });
export const openReportsOfComment = (db: Knex, commentId: number) => openReports(db, { comment_id: commentId });

/** The idea followed by what it duplicates, and so on (bounded, in case of bad data). */
export async function duplicateChain(trx: Knex, ideaId: number): Promise<number[]> {
  const { rows } = await trx.raw<{ rows: { id: number }[] }>(
    `with recursive chain (id, duplicate_of_id, depth) as (
       select id, duplicate_of_id, 0 from ideas where id = ?
       union all
       select ideas.id, ideas.duplicate_of_id, chain.depth + 1 from ideas join chain on ideas.id = chain.duplicate_of_id where chain.depth < 1000
     ) select id from chain order by depth`,
    [ideaId],
  );
  return rows.map((row) => Number(row.id));
}
