import type { Knex } from 'knex';
import type { Role } from '../auth/roles';
import type { Locale } from '../config';
import { recordAction } from '../audit/audit';
import { forbidden, notFound } from '../http/errors';
import { FormError } from '../http/forms';
import { mayAssessIdeas, mayPublishAssessments } from './neb.policy';
import { ideaToAssess, insertAssessment, publishAssessmentsOfIdea } from './neb.queries';
import type { AssessmentForm } from './neb.schema';

type Staff = { id: number; role: Role };

/** Stores one assessment, internal until the next publish; the idea may be in any visibility. */
export async function assessIdea(db: Knex, assessor: Staff, ideaId: number, locale: Locale, form: AssessmentForm): Promise<number> {
  if (!mayAssessIdeas(assessor)) throw forbidden();
  return db.transaction(async (trx) => {
    if (!(await ideaToAssess(trx, ideaId))) throw notFound();
    const id = await insertAssessment(trx, { ideaId, assessorId: assessor.id, locale, ...form });
    await recordAction(trx, assessor.id, 'idea.assessed', { type: 'idea', id: ideaId }, { after: { assessment: id, levels: form.levels } });
    return id;
  });
}

/** Publishes the assessments made so far; with none waiting, nothing changes and the form says so. */
export async function publishAssessments(db: Knex, staff: Staff, ideaId: number): Promise<number> {
  if (!mayPublishAssessments(staff)) throw forbidden();
  return db.transaction(async (trx) => {
    if (!(await ideaToAssess(trx, ideaId))) throw notFound();
    const published = await publishAssessmentsOfIdea(trx, ideaId, staff.id);
    if (!published) throw new FormError({ form: 'neb:publish.nothingToPublish' });
    await recordAction(trx, staff.id, 'idea.assessments_published', { type: 'idea', id: ideaId }, { after: { published } });
    return published;
  });
}
