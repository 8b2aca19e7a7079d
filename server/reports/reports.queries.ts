import type { Knex } from 'knex';
import type { Report } from './reports.schema';

/** What is reported: an idea or a comment (one of the two columns of a report). */
export type ReportedItem = { ideaId: number } | { commentId: number };

const columnOf = (item: ReportedItem): Record<string, number> => ('ideaId' in item ? { idea_id: item.ideaId } : { comment_id: item.commentId });

export async function hasReported(db: Knex, reporterId: number, item: ReportedItem): Promise<boolean> {
  return Boolean(await db('reports').where({ reporter_id: reporterId, ...columnOf(item) }).first('id'));
}

export async function insertReport(trx: Knex, reporterId: number, item: ReportedItem, report: Report): Promise<void> {
  await trx('reports').insert({ reporter_id: reporterId, ...columnOf(item), reason: report.reason, details: report.details ?? null });
}

/** How many different people have reported the item since a moderator last dealt with it. */
export async function openReporterCount(db: Knex, item: ReportedItem): Promise<number> {
  const [{ reporters }] = await db('reports').where(columnOf(item)).whereNull('resolved_at').countDistinct({ reporters: 'reporter_id' });
  return Number(reporters);
}

/** A moderator has dealt with the item: its open reports are resolved; returns how many. */
export async function resolveOpenReports(trx: Knex, item: ReportedItem): Promise<number> {
  return trx('reports').where(columnOf(item)).whereNull('resolved_at').update({ resolved_at: trx.fn.now() });
}

/** The reports a person made go with their account. */
export async function deleteReportsBy(trx: Knex, reporterId: number): Promise<void> {
  await trx('reports').where({ reporter_id: reporterId }).delete();
}
