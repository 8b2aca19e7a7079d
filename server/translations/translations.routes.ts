import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { supportedLocales } from '../config';
import { requireActiveAccount } from '../http/access';
import { notFound } from '../http/errors';
import { flashAndRedirect, handleForm, userOf, type FieldProblems } from '../http/forms';
import { numericIdParam } from '../http/params';
import { ideaById } from '../ideas/ideas.queries';
import { authorChangeError, translationRefusal } from '../ideas/ideas.policy';
import { consultationById } from '../consultations/consultations.queries';
import { requireVisibleIdea } from '../http/visible-idea';
import { translationsOfIdea } from './translations.queries';
import { translationSchema } from './translations.schema';
import { saveTranslation } from './translations.service';

export function translationRoutes(db: Knex): Router {
  const router = Router();
  const visibleIdea = requireVisibleIdea(db);

  async function renderForm(res: Response, ideaId: number, typed?: { values: Record<string, unknown>; errors: FieldProblems }) {
    const idea = await ideaById(db, ideaId);
    if (!idea) throw notFound();
    const consultation = (await consultationById(db, idea.consultationId))!;
    const refusal = translationRefusal(res.req.user, idea, consultation.moderationMode);
    if (refusal) throw authorChangeError(refusal);
    const saved = Object.fromEntries((await translationsOfIdea(db, ideaId)).map((translation) => [translation.locale, translation]));
    res.status(typed ? 422 : 200).render('translations/form', {
      idea,
      locales: supportedLocales.filter((code) => code !== idea.originalLocale),
      saved,
      typed: typed ?? { values: {}, errors: {} },
    });
  }

  router.get('/ideas/:id/translations', visibleIdea, requireActiveAccount, (req, res) => renderForm(res, numericIdParam(req.params.id)));

  router.post('/ideas/:id/translations', visibleIdea, requireActiveAccount, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await handleForm(req, res, {
      schema: translationSchema,
      run: (form) => saveTranslation(db, userOf(req), ideaId, form),
      again: (values, errors) => renderForm(res, ideaId, { values, errors }),
      done: () => flashAndRedirect(req, res, 'translations:saved', `/ideas/${ideaId}/translations`),
    });
  });

  return router;
}
