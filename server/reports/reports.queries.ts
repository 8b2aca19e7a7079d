import type { Knex } from 'knex';

export type ReportTarget = { kind: 'idea'; id: number } | { kind: 'comment'; id: number };

const column = (target: ReportTarget) => (target.kind === 'idea' ? 'idea_id' : 'comment_id');

/** Locks the reported idea or comment; false when it does not exist. */
export async function lockReportTarget(trx: Knex, target: ReportTarget): Promise<boolean> {
  const table = target.kind === 'idea' ? 'ideas' : 'comments';
  return Boolean(await trx(table).where({ id: target.id }).forUpdate().first('id'));
}

export async function hasReported(trx: Knex, reporterId: number, target: ReportTarget): Promise<boolean> {
  return Boolean(await trx('reports').where({ reporter_id: reporterId, [column(target)]: target.id }).first('id'));
}

export async function insertReport(trx: Knex, reporterId: number, target: ReportTarget, report: { reason: string; details?: string | null }): Promise<void> {
  await trx('reports').insert({ reporter_id: reporterId, [column(target)]: target.id, reason: report.reason, details: report.details ?? null });
}

/** How many different people have open reports of the item. */
export async function openReporterCount(trx: Knex, target: ReportTarget): Promise<number> {
  const [{ reporters }] = await trx('reports').where({ [column(target)]: target.id }).whereNull('resolved_at').countDistinct({ reporters: 'reporter_id' });
  return Number(reporters);
}
