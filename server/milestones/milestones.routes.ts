import { Router, type Request, type Response } from 'express';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { flashAndRedirect, handleForm, userOf, type FieldProblems } from '../http/forms';
import { readMultipartBody, uploadedFiles } from '../http/multipart';
import { numericIdParam } from '../http/params';
import { requireVisibleIdea } from '../http/visible-idea';
import { ideaById, photosOfIdea } from '../ideas/ideas.queries';
import { maxPhotosPerIdea } from '../uploads/photo-processing';
import { milestoneKinds, milestonesOfIdea, resultPhotosOfIdea } from './milestones.queries';
import { ideaTakesMilestones, milestoneRoles } from './milestones.policy';
import { milestoneFormSchema, photoMarkSchema } from './milestones.schema';
import { addMilestone, markResultPhoto, type MilestoneServices } from './milestones.service';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());

/** The staff page of an idea's milestones: the list, the form to add one, the before/after marks. */
export function milestoneRoutes(services: MilestoneServices): Router {
  const { db } = services;
  const router = Router();
  const staffOnly = requireRole(...milestoneRoles);
  const visibleIdea = requireVisibleIdea(db);

  async function renderPage(res: Response, ideaId: number, forms: { values?: Record<string, unknown>; errors?: FieldProblems; markErrors?: FieldProblems }) {
    const idea = await ideaById(db, ideaId);
    if (!idea) throw notFound();
    const errors = forms.errors ?? {};
    const markErrors = forms.markErrors ?? {};
    res.status(Object.keys(errors).length || Object.keys(markErrors).length ? 422 : 200).render('milestones/staff', {
      idea,
      takesMilestones: ideaTakesMilestones(idea.status),
      milestones: await milestonesOfIdea(db, ideaId),
      ideaPhotos: await photosOfIdea(db, ideaId),
      resultPhotos: await resultPhotosOfIdea(db, ideaId),
      kinds: milestoneKinds,
      maxPhotos: maxPhotosPerIdea,
      photoUrl: services.storage.urlFor,
      values: { happened_on: today(), ...forms.values },
      errors,
      markErrors,
    });
  }

  router.get('/admin/ideas/:id/milestones', staffOnly, visibleIdea, (req, res) => renderPage(res, numericIdParam(req.params.id), {}));

  // Photos are read last, after the role, the idea and the CSRF token (in the query).
  router.post('/admin/ideas/:id/milestones', staffOnly, visibleIdea, readMultipartBody, async (req: Request, res: Response) => {
    const ideaId = numericIdParam(req.params.id);
    const staff = userOf(req);
    await handleForm(req, res, {
      schema: milestoneFormSchema,
      run: (form) => addMilestone(services, staff, ideaId, form, uploadedFiles(req.files, 'photos')),
      again: (values, errors) => renderPage(res, ideaId, { values, errors }),
      done: () => flashAndRedirect(req, res, 'milestones:added', `/admin/ideas/${ideaId}/milestones`),
    });
  });

  router.post('/admin/ideas/:id/result-photos', staffOnly, visibleIdea, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await handleForm(req, res, {
      schema: photoMarkSchema,
      run: (form) => markResultPhoto(db, userOf(req), ideaId, form),
      again: (_values, markErrors) => renderPage(res, ideaId, { markErrors }),
      done: () => flashAndRedirect(req, res, 'milestones:marked', `/admin/ideas/${ideaId}/milestones`),
    });
  });

  return router;
}
