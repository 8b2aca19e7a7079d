import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { recordForm, userOf, type FieldProblems } from '../http/forms';
import { numericIdParam } from '../http/params';
import { mapAssets } from '../http/map-assets';
import { consultationRecord, consultationsWithCounts, type ConsultationRecord } from './consultations.queries';
import { consultationFormSchema, moderationModes, phases } from './consultations.schema';
import { createConsultation, updateConsultation } from './consultations.service';

/** The form's fields filled from a stored consultation. */
function formValuesOf(record: ConsultationRecord): Record<string, unknown> {
  return {
    slug: record.slug,
    ...Object.fromEntries(Object.entries(record.title).map(([locale, text]) => [`title_${locale}`, text])),
    ...Object.fromEntries(Object.entries(record.description).map(([locale, text]) => [`description_${locale}`, text])),
    area: record.area ? JSON.stringify(record.area) : '',
    startsOn: record.startsOn,
    endsOn: record.endsOn,
    phase: record.phase,
    moderationMode: record.moderationMode,
    supportBudget: record.supportBudget ?? '',
    supportPhases: record.supportPhases,
  };
}

const typedValuesOf = (body: Record<string, unknown> | undefined) => ({
  ...body,
  supportPhases: body?.supportPhases === undefined ? [] : ([] as unknown[]).concat(body.supportPhases),
});

// The map drawing tool's texts, a whole subtree of the locale.
const drawTextsKey = 'consultations:draw';

export function consultationRoutes(db: Knex): Router {
  const router = Router();
  const adminOnly = requireRole('admin');

  const renderForm = (res: Response, options: { id?: number; values: Record<string, unknown>; errors?: FieldProblems }) =>
    res.status(options.errors ? 422 : 200).render('consultations/form', {
      id: options.id,
      values: options.values,
      errors: options.errors ?? {},
      phases,
      moderationModes,
      drawTexts: res.locals.t(drawTextsKey, { returnObjects: true }),
      ...mapAssets(['consultation-area.js'], { draw: true }),
    });

  const handleConsultationForm = recordForm({
    schema: consultationFormSchema,
    values: typedValuesOf,
    show: renderForm,
    listPath: '/admin/consultations',
    messages: { created: 'consultations:created', updated: 'consultations:updated' },
  });

  router.get('/admin/consultations', adminOnly, async (_req, res) => {
    res.render('consultations/list', { consultations: await consultationsWithCounts(db) });
  });

  router.get('/admin/consultations/new', adminOnly, (_req, res) =>
    renderForm(res, { values: { phase: 'collecting', moderationMode: 'post', supportPhases: ['collecting', 'voting'] } }),
  );

  router.post('/admin/consultations', adminOnly, (req, res) => handleConsultationForm(req, res, (form) => createConsultation(db, userOf(req).id, form)));

  router.get('/admin/consultations/:id', adminOnly, async (req, res) => {
    const id = numericIdParam(req.params.id);
    const record = await consultationRecord(db, id);
    if (!record) throw notFound();
    renderForm(res, { id, values: formValuesOf(record) });
  });

  router.post('/admin/consultations/:id', adminOnly, (req, res) => {
    const id = numericIdParam(req.params.id);
    return handleConsultationForm(
      req,
      res,
      async (form) => {
        await updateConsultation(db, userOf(req).id, id, form);
        return id;
      },
      id,
    );
  });

  return router;
}
