import type { Knex } from 'knex';
import { notFound } from '../http/errors';
import { FormError } from '../http/forms';
import { enqueueJob } from '../jobs/jobs.queries';
import { lockIdeaState, setIdeaStatus } from '../ideas/ideas.queries';
import { mayChangeStatus } from './statuses.policy';
import { recordAction } from '../audit/audit';
import type { StatusChange } from './statuses.schema';
import { insertStatusChange } from './statuses.queries';

/** Staff set the next status, optionally with a public official answer; followers are told by email. */
export async function changeIdeaStatus(db: Knex, staffId: number, ideaId: number, change: StatusChange): Promise<void> {
  await db.transaction(async (trx) => {
    const idea = await lockIdeaState(trx, ideaId);
    if (!idea) throw notFound();
    if (!mayChangeStatus(idea.status, change.status)) throw new FormError({ status: 'statuses:validation.transition' });
    const answer = Object.fromEntries(
      (['lv', 'ru', 'en'] as const).flatMap((locale) => (change[`answer_${locale}`] ? [[locale, change[`answer_${locale}`]]] : [])),
    );
    const changeId = await insertStatusChange(trx, {
      ideaId,
      changedBy: staffId,
      fromStatus: idea.status,
      toStatus: change.status,
      answer: Object.keys(answer).length ? answer : null,
    });
    await setIdeaStatus(trx, ideaId, change.status);
    await enqueueJob(trx, 'idea_update', { changeId });
    await recordAction(trx, staffId, 'idea.status_changed', { type: 'idea', id: ideaId }, {
      before: { status: idea.status },
      after: { status: change.status, answer: Object.keys(answer).length ? answer : null },
    });
  });
}
