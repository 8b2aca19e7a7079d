import { Router, type Request, type Response } from 'express';
import { assistRoles, staffRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { setFlash } from '../http/flash';
import { handleForm, userOf, type FieldProblems } from '../http/forms';
import { numericIdParam, parseFiltersOr400 } from '../http/params';
import { mapAssets } from '../http/map-assets';
import { acceptsIdeas } from '../consultations/consultations.policy';
import type { IdeaServices } from '../ideas/ideas.service';
import { assistedChannels } from '../ideas/ideas.queries';
import { nebValues } from '../ideas/ideas.schema';
import { contactsMatching } from './assisted-entry.queries';
import { assistedIdeaSchema, contactSearchSchema } from './assisted-entry.schema';
import { deleteContactOnRequest, enterIdeaForResident } from './assisted-entry.service';

/** The form's fields as typed, with the NEB values always a list. */
const valuesOf = (body: Record<string, unknown>) => ({ ...body, nebValues: body.nebValues === undefined ? [] : ([] as unknown[]).concat(body.nebValues) });

export function assistedEntryRoutes(services: IdeaServices): Router {
  const router = Router();
  const assistants = requireRole(...assistRoles);
  const staffOnly = requireRole(...staffRoles);

  async function renderForm(res: Response, values: Record<string, unknown>, errors: FieldProblems = {}) {
    const consultations = (await services.reference.consultations.open()).filter((consultation) => acceptsIdeas(consultation));
    res.status(Object.keys(errors).length ? 422 : 200).render('assisted-entry/form', {
      consultations,
      categories: await services.reference.categories.all(),
      places: await services.reference.places.all(),
      channels: assistedChannels,
      nebValues,
      values,
      errors,
      ...mapAssets(['location-picker.js'], { whenNear: '.location-fieldset' }),
    });
  }

  router.get('/assist/ideas/new', assistants, (_req, res) => renderForm(res, { channel: 'paper', nebValues: [] }));

  router.post('/assist/ideas', assistants, (req: Request, res: Response) =>
    handleForm(req, res, {
      schema: assistedIdeaSchema,
      values: valuesOf,
      run: (form) => enterIdeaForResident(services, userOf(req), form, req.locale),
      again: (values, errors) => renderForm(res, values, errors),
      done: ({ ideaId, published }) => {
        setFlash(req, 'success', published ? 'assisted-entry:form.published' : 'assisted-entry:form.waiting', { id: ideaId });
        res.redirect(303, '/assist/ideas/new');
      },
    }),
  );

  // A resident asks to have their contact removed: staff find it by part of the email or phone.
  router.get('/admin/assisted-contacts', staffOnly, async (req, res) => {
    const { q } = parseFiltersOr400(() => contactSearchSchema.safeParse(req.query));
    res.render('assisted-entry/contacts', { q: q ?? '', matches: q && q.length >= 3 ? await contactsMatching(services.db, q) : [] });
  });

  router.post('/admin/assisted-contacts/:ideaId/delete', staffOnly, async (req, res) => {
    await deleteContactOnRequest(services.db, userOf(req).id, numericIdParam(req.params.ideaId));
    setFlash(req, 'success', 'assisted-entry:contacts.deleted');
    res.redirect(303, '/admin/assisted-contacts');
  });

  return router;
}
