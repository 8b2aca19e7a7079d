import { createHmac } from 'node:crypto';
import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { ExportFilters } from './exports.schema';
import { publishedIdeasMatching } from '../ideas/ideas.queries';
import { translationsOfIdeas } from '../translations/translations.queries';
import { nebElements, nebProfileOf, type NebElement } from '../neb/neb.elements';
import { assessmentsOfIdeas, type NebAssessment } from '../neb/neb.queries';
import { completionDaysOfIdeas, milestoneSummariesOfIdeas, type MilestoneSummary } from '../milestones/milestones.queries';

export interface ExportedIdeaFields {
  id: number;
  consultation: string;
  title: string;
  description: string;
  originalLanguage: string;
  /** Title and description in the other languages, where someone translated them. */
  translations: Partial<Record<Locale, { title: string; description: string }>>;
  category: string;
  nebValues: string;
  nebSentences: string;
  latitude: number;
  longitude: number;
  placeName: string;
  status: string;
  officialAnswer: string;
  supports: number;
  comments: number;
  createdAt: Date;
  updatedAt: Date;
  author: string;
  /** How many staff assessed it, and whether those assessments are published: yes, partly, no ('' when nobody assessed). */
  nebAssessors: number;
  nebPublished: string;
  /** How many milestones (0 when none), the latest one's kind, label, date and progress ('' when none or not given), and the day (Riga) it became implemented ('' unless it is). */
  milestones: number;
  latestMilestoneKind: string;
  latestMilestoneLabel: string;
  latestMilestoneOn: string;
  latestMilestoneProgress: number | '';
  completedOn: string;
}

/** Per NEB element: the median level of all assessments ('' when nobody assessed) and every justification. */
export type NebExportColumns = Record<`neb_${NebElement}_level`, number | ''> & Record<`neb_${NebElement}_justifications`, string>;
export type ExportedIdea = ExportedIdeaFields & NebExportColumns;

/** The staff exports carry every assessment, published or not, with a column saying which. */
function nebColumnsOf(assessments: readonly NebAssessment[]): Pick<ExportedIdea, 'nebAssessors' | 'nebPublished'> & NebExportColumns {
  const profile = nebProfileOf(assessments);
  const published = assessments.filter((assessment) => assessment.publishedAt).length;
  const columns: Record<string, number | string> = {
    nebAssessors: assessments.length,
    nebPublished: !assessments.length ? '' : published === assessments.length ? 'yes' : published ? 'partly' : 'no',
  };
  for (const element of nebElements) {
    columns[`neb_${element}_level`] = profile ? profile.levels[element] : '';
    columns[`neb_${element}_justifications`] = assessments
      .filter((assessment) => assessment.justifications[element])
      .map((assessment) => `${assessment.locale} (${assessment.levels[element]}): ${assessment.justifications[element]}`)
      .join(' | ');
  }
  return columns as Pick<ExportedIdea, 'nebAssessors' | 'nebPublished'> & NebExportColumns;
}

type MilestoneColumns = Pick<ExportedIdea, 'milestones' | 'latestMilestoneKind' | 'latestMilestoneLabel' | 'latestMilestoneOn' | 'latestMilestoneProgress'>;

/** The staff's own label (for "other") in the export's language, else in any language it has. */
function milestoneColumnsOf(summary: MilestoneSummary | undefined, locale: Locale): MilestoneColumns {
  if (!summary) return { milestones: 0, latestMilestoneKind: '', latestMilestoneLabel: '', latestMilestoneOn: '', latestMilestoneProgress: '' };
  const label = summary.latestLabel ? (summary.latestLabel[locale] ?? Object.values(summary.latestLabel)[0] ?? '') : '';
  return {
    milestones: summary.count,
    latestMilestoneKind: summary.latestKind,
    latestMilestoneLabel: label,
    latestMilestoneOn: summary.latestOn,
    latestMilestoneProgress: summary.latestProgress ?? '',
  };
}

const batchSize = 1000;

/** A stable pseudonym: the same person gets the same id across exports, and no email or name leaves. */
export function authorPseudonym(secret: string, authorId: number | null): string {
  return authorId === null ? '' : `p-${createHmac('sha256', secret).update(`author:${authorId}`).digest('hex').slice(0, 12)}`;
}

function matching(db: Knex, filters: ExportFilters) {
  const query = publishedIdeasMatching(db, filters);
  // Days are Daugavpils days.
  if (filters.from) query.whereRaw(`ideas.created_at >= (?::date)::timestamp at time zone 'Europe/Riga'`, [filters.from]);
  if (filters.to) query.whereRaw(`ideas.created_at < (?::date + 1)::timestamp at time zone 'Europe/Riga'`, [filters.to]);
  return query;
}

/**
 * Ideas for an export, read in batches by id so memory stays flat however many there are
 * (PGlite has no cursor streaming, so keyset pages work the same on both databases).
 */
export async function* exportedIdeas(db: Knex, filters: ExportFilters, locale: Locale, secret: string): AsyncGenerator<ExportedIdea> {
  let afterId = 0;
  for (;;) {
    const rows = await matching(db, filters)
      .where('ideas.id', '>', afterId)
      .join('consultations', 'consultations.id', 'ideas.consultation_id')
      .join('categories', 'categories.id', 'ideas.category_id')
      .orderBy('ideas.id')
      .limit(batchSize)
      .select(
        'ideas.*',
        db.raw('consultations.title ->> ? as consultation_title', [locale]),
        db.raw('categories.name ->> ? as category_name', [locale]),
        db.raw(`(select answer from idea_status_changes s where s.idea_id = ideas.id and s.answer is not null order by s.created_at desc, s.id desc limit 1) as official_answer`),
      );
    const ids = rows.map((row) => row.id as number);
    const translations = await translationsOfIdeas(db, ids);
    const assessments = await assessmentsOfIdeas(db, ids);
    const milestones = await milestoneSummariesOfIdeas(db, ids);
    const completions = await completionDaysOfIdeas(db, ids);
    for (const row of rows) {
      const answer = row.official_answer as Record<string, string> | null;
      yield {
        id: row.id,
        consultation: row.consultation_title ?? '',
        title: row.title,
        description: row.description,
        originalLanguage: row.original_locale,
        translations: translations.get(row.id) ?? {},
        category: row.category_name ?? '',
        nebValues: (row.neb_values as string[]).join(', '),
        nebSentences: Object.entries(row.neb_sentences as Record<string, string>).map(([value, sentence]) => `${value}: ${sentence}`).join(' | '),
        latitude: row.latitude,
        longitude: row.longitude,
        placeName: row.place_name ?? '',
        status: row.status,
        officialAnswer: answer ? (answer[locale] ?? Object.values(answer)[0] ?? '') : '',
        supports: row.support_count,
        comments: row.comment_count,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        author: authorPseudonym(secret, row.author_id),
        ...nebColumnsOf(assessments.get(row.id) ?? []),
        ...milestoneColumnsOf(milestones.get(row.id), locale),
        completedOn: completions.get(row.id) ?? '',
      };
    }
    if (rows.length < batchSize) return;
    afterId = rows[rows.length - 1].id;
  }
}

export interface ExportedComment {
  id: number;
  ideaId: number;
  parentId: number | null;
  body: string;
  createdAt: Date;
  author: string;
}

export async function* exportedComments(db: Knex, filters: ExportFilters, secret: string): AsyncGenerator<ExportedComment> {
  let afterId = 0;
  for (;;) {
    const rows = await db('comments')
      .whereIn('comments.idea_id', matching(db, filters).select('ideas.id'))
      .whereNull('comments.deleted_at')
      .whereNull('comments.hidden_at')
      .where('comments.id', '>', afterId)
      .orderBy('comments.id')
      .limit(batchSize)
      .select('id', 'idea_id', 'parent_id', 'body', 'created_at', 'author_id');
    for (const row of rows) {
      yield { id: row.id, ideaId: row.idea_id, parentId: row.parent_id, body: row.body, createdAt: row.created_at, author: authorPseudonym(secret, row.author_id) };
    }
    if (rows.length < batchSize) return;
    afterId = rows[rows.length - 1].id;
  }
}
