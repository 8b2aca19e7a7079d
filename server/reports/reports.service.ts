import type { Knex } from 'knex';
import { AppError, notFound } from '../http/errors';
import { lockIdeaState, setIdeaVisibility } from '../ideas/ideas.queries';
import { lockComment, setCommentHidden } from '../comments/comments.queries';
import { hasReported, insertReport, openReporterCount, type ReportedItem } from './reports.queries';
import type { Report } from './reports.schema';

export type ReportTarget = { kind: 'idea'; id: number } | { kind: 'comment'; id: number };

export class AlreadyReportedError extends AppError {
  constructor() {
    super(409, 'already_reported', 'reports:validation.already');
  }
}

const itemOf = (target: ReportTarget): ReportedItem => (target.kind === 'idea' ? { ideaId: target.id } : { commentId: target.id });

async function lockTarget(trx: Knex, target: ReportTarget): Promise<boolean> {
  if (target.kind === 'idea') return Boolean(await lockIdeaState(trx, target.id));
  return Boolean(await lockComment(trx, target.id));
}

/**
 * Records one report per person per item; when enough different people have reported an
 * item that no moderator has looked at yet, it is hidden until one does.
 */
export async function reportItem(db: Knex, reporterId: number, target: ReportTarget, report: Report, reportsToHide: number): Promise<{ hidden: boolean }> {
  return db.transaction(async (trx) => {
    if (!(await lockTarget(trx, target))) throw notFound();
    // Under the item's row lock two reports of one person cannot both pass; the unique index backs it.
    if (await hasReported(trx, reporterId, itemOf(target))) throw new AlreadyReportedError();
    await insertReport(trx, reporterId, itemOf(target), report);
    if ((await openReporterCount(trx, itemOf(target))) < reportsToHide) return { hidden: false };
    if (target.kind === 'idea') await setIdeaVisibility(trx, { id: target.id }, { from: 'published', to: 'hidden', touch: false });
    else await setCommentHidden(trx, target.id, true);
    return { hidden: true };
  });
}
