import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { resultRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { flashAndRedirect, handleForm, userOf, type FieldProblems } from '../http/forms';
import { filterQueryString, numericIdParam, parseFiltersOr400 } from '../http/params';
import { nebElements, nebLevels, nebProfileOf } from './neb.elements';
import { assessedIdeas, assessedIdeasPerPage, assessedIdeaSorts, assessmentsOfIdea, consultationChoices, ideaToAssess, unassessedIdeas } from './neb.queries';
import { assessedIdeasQuerySchema, assessmentFormOf, assessmentSchema } from './neb.schema';
import { assessIdea, publishAssessments } from './neb.service';
import { nebProfileView } from './neb.view';

/** The staff list of assessed ideas, and one idea's assessment page: its assessments so far, the form, and publishing. */
export function nebRoutes(db: Knex): Router {
  const router = Router();
  const assessors = requireRole(...resultRoles);
  const pageOf = (id: number) => `/admin/ideas/${id}/assessment`;

  async function renderAssessmentPage(req: Request, res: Response, ideaId: number, values: Record<string, unknown> = {}, errors: FieldProblems = {}) {
    const idea = await ideaToAssess(db, ideaId);
    if (!idea) throw notFound();
    const assessments = await assessmentsOfIdea(db, ideaId);
    res.status(Object.keys(errors).length ? 422 : 200).render('neb/assess', {
      idea,
      assessments,
      all: nebProfileView(req.t, nebProfileOf(assessments)),
      published: nebProfileView(req.t, nebProfileOf(assessments.filter((assessment) => assessment.publishedAt))),
      waiting: assessments.filter((assessment) => !assessment.publishedAt).length,
      elements: nebElements,
      levels: nebLevels,
      values,
      errors,
    });
  }

  router.get('/admin/assessments', assessors, async (req, res) => {
    const query = parseFiltersOr400(() => assessedIdeasQuerySchema.safeParse(req.query));
    const { ideas, total } = query.show === 'unassessed' ? await unassessedIdeas(db, query) : await assessedIdeas(db, query);
    const { page: _page, ...filters } = query;
    res.render('neb/list', {
      query,
      filters,
      ideas,
      total,
      pageCount: Math.max(1, Math.ceil(total / assessedIdeasPerPage)),
      filterQueryString,
      consultationOptions: await consultationChoices(db),
      elements: nebElements,
      levels: nebLevels,
      sorts: assessedIdeaSorts,
    });
  });

  router.get('/admin/ideas/:id/assessment', assessors, (req, res) => renderAssessmentPage(req, res, numericIdParam(req.params.id)));

  router.post('/admin/ideas/:id/assessment', assessors, (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    return handleForm(req, res, {
      schema: assessmentSchema,
      run: (form) => assessIdea(db, userOf(req), ideaId, req.locale, assessmentFormOf(form)),
      again: (values, errors) => renderAssessmentPage(req, res, ideaId, values, errors),
      done: () => flashAndRedirect(req, res, 'neb:assess.saved', pageOf(ideaId)),
    });
  });

  router.post('/admin/ideas/:id/assessment/publish', assessors, (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    return handleForm(req, res, {
      schema: z.object({}),
      run: () => publishAssessments(db, userOf(req), ideaId),
      again: (_values, errors) => renderAssessmentPage(req, res, ideaId, {}, errors),
      done: () => flashAndRedirect(req, res, 'neb:publish.done', pageOf(ideaId)),
    });
  });

  return router;
}
