import type { Knex } from 'knex';

/**
 * A report of an idea or a comment, with an escaping trap in its details unless told otherwise.
 * No counter keeps reports, and unlike `reportItem` the factory never hides the item: a test
 * that needs the threshold goes through the report form.
 */
export async function buildReport(
  db: Knex,
  report: { reporterId: number; reason?: string; details?: string | null } & ({ ideaId: number } | { commentId: number }),
): Promise<number> {
  const [row] = await db('reports')
    .insert({
      reporter_id: report.reporterId,
      ...('ideaId' in report ? { idea_id: report.ideaId } : { comment_id: report.commentId }),
      reason: report.reason ?? 'other',
      details: report.details === undefined ? 'Report <script>alert("r")</script> =HYPERLINK("http://evil","x")' : report.details,
    })
    .returning('id');
  return row.id;
}
