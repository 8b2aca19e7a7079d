import type { Knex } from 'knex';
import { AppError, notFound } from '../http/errors';
import { enqueueJob } from '../jobs/jobs.queries';
import type { IdeaStatus } from '../ideas/ideas.schema';
import { mayChangeStatus } from './statuses.policy';
import { recordAudit } from '../audit/audit';
import type { StatusChange } from './statuses.schema';

export class StatusTransitionError extends AppError {
  constructor() {
    super(422, 'status_transition', 'statuses:validation.transition');
  }
}

/** Staff set the next status, optionally with a public official answer; followers are told by email. */
export async function changeIdeaStatus(db: Knex, staffId: number, ideaId: number, change: StatusChange): Promise<void> {
  await db.transaction(async (trx) => {
    const idea = await trx('ideas').where({ id: ideaId }).forUpdate().first('status');
    if (!idea) throw notFound();
    if (!mayChangeStatus(idea.status as IdeaStatus, change.status)) throw new StatusTransitionError();
    const answer = Object.fromEntries(
      (['lv', 'ru', 'en'] as const).flatMap((locale) => (change[`answer_${locale}`] ? [[locale, change[`answer_${locale}`]]] : [])),
    );
    const [row] = await trx('idea_status_changes')
      .insert({
        idea_id: ideaId,
        changed_by: staffId,
        from_status: idea.status,
        to_status: change.status,
        answer: Object.keys(answer).length ? JSON.stringify(answer) : null,
      })
      .returning('id');
    await trx('ideas').where({ id: ideaId }).update({ status: change.status, updated_at: trx.fn.now() });
    await enqueueJob(trx, 'idea_update', { changeId: row.id });
    await recordAudit(trx, {
      actorId: staffId,
      action: 'idea.status_changed',
      targetType: 'idea',
      targetId: ideaId,
      before: { status: idea.status },
      after: { status: change.status, answer: Object.keys(answer).length ? answer : null },
    });
  });
}
