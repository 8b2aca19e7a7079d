import type { Knex } from 'knex';
import { AppError, notFound } from '../http/errors';
import { lockIdeaState, setIdeaVisibility } from '../ideas/ideas.queries';
import type { Report } from './reports.schema';

export type ReportTarget = { kind: 'idea'; id: number } | { kind: 'comment'; id: number };

export class AlreadyReportedError extends AppError {
  constructor() {
    super(409, 'already_reported', 'reports:validation.already');
  }
}

const column = (target: ReportTarget) => (target.kind === 'idea' ? 'idea_id' : 'comment_id');

async function lockTarget(trx: Knex, target: ReportTarget): Promise<boolean> {
  if (target.kind === 'idea') return Boolean(await lockIdeaState(trx, target.id));
  return Boolean(await trx('comments').where({ id: target.id }).forUpdate().first('id'));
}

/**
 * Records one report per person per item; when enough different people have reported an
 * item that no moderator has looked at yet, it is hidden until one does.
 */
export async function reportItem(db: Knex, reporterId: number, target: ReportTarget, report: Report, reportsToHide: number): Promise<{ hidden: boolean }> {
  return db.transaction(async (trx) => {
    if (!(await lockTarget(trx, target))) throw notFound();
    // Under the item's row lock two reports of one person cannot both pass; the unique index backs it.
    if (await trx('reports').where({ reporter_id: reporterId, [column(target)]: target.id }).first('id')) throw new AlreadyReportedError();
    await trx('reports').insert({ reporter_id: reporterId, [column(target)]: target.id, reason: report.reason, details: report.details ?? null });
    const [{ reporters }] = await trx('reports').where({ [column(target)]: target.id }).whereNull('resolved_at').countDistinct({ reporters: 'reporter_id' });
    if (Number(reporters) < reportsToHide) return { hidden: false };
    if (target.kind === 'idea') await setIdeaVisibility(trx, { id: target.id }, { from: 'published', to: 'hidden', touch: false });
    else await trx('comments').where({ id: target.id }).whereNull('hidden_at').update({ hidden_at: trx.fn.now() });
    return { hidden: true };
  });
}
