import type { Knex } from 'knex';
import { AppError, notFound } from '../http/errors';
import { hideCommentByReports } from '../comments/comments.queries';
import type { Report } from './reports.schema';
import { hasReported, insertReport, lockReportTarget, openReporterCount, type ReportTarget } from './reports.queries';

export type { ReportTarget } from './reports.queries';

export class AlreadyReportedError extends AppError {
  constructor() {
    super(409, 'already_reported', 'reports:validation.already');
  }
}

/**
 * Records one report per person per item; when enough different people have reported an
 * item that no moderator has looked at yet, it is hidden until one does.
 */
export async function reportItem(db: Knex, reporterId: number, target: ReportTarget, report: Report, reportsToHide: number): Promise<{ hidden: boolean }> {
  return db.transaction(async (trx) => {
    if (!(await lockReportTarget(trx, target))) throw notFound();
    // Under the item's row lock two reports of one person cannot both pass; the unique index backs it.
    if (await hasReported(trx, reporterId, target)) throw new AlreadyReportedError();
    await insertReport(trx, reporterId, target, report);
    if ((await openReporterCount(trx, target)) < reportsToHide) return { hidden: false };
    if (target.kind === 'idea') await trx('ideas').where({ id: target.id, visibility: 'published' }).update({ visibility: 'hidden' });
    else await hideCommentByReports(trx, target.id);
    return { hidden: true };
  });
}
