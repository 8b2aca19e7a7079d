import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { tileOrigin } from '../http/security';
import { supportedLocales, type Locale } from '../config';
import type { Translate } from '../i18n/i18n';
import { sessionCookieName } from '../auth/session';
import { languageCookie } from '../http/locale';
import { flashAndRedirect, handleForm, userOf } from '../http/forms';
import { blocksOf, statementFor, statementKinds, statementPaths, type StatementKind } from './statements.queries';
import { emblemBlue, emblemHeight, emblemStars, emblemWidth, emblemYellow } from './eu-emblem';
import { updateStatement } from './statements.service';
import { statementsInMemory } from './statements.cache';
import type { PublicChanges } from '../cache/public-changes';
import { statementFormSchema, statementParamsSchema } from './statements.schema';

export interface StatementFacts {
  tileUrl: string;
  inactiveAccountMonths: number;
  translatorFor: (locale: Locale) => Translate;
}

function paramsOr404(req: Request) {
  const parsed = statementParamsSchema.safeParse(req.params);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

export function statementRoutes(db: Knex, changes: PublicChanges, facts: StatementFacts): Router {
  const router = Router();
  const adminOnly = requireRole('admin');
  const statements = statementsInMemory(db, changes);

  async function renderStatement(req: Request, res: Response, kind: StatementKind) {
    const statement = await statements.statementFor(kind, req.locale, req.t);
    res.render('statements/show', {
      statement,
      blocks: blocksOf(statement.body),
      // Facts the software itself decides are not editable, so they cannot fall out of date.
      cookies: [
        { name: sessionCookieName, purpose: 'statements:cookies.session' },
        { name: languageCookie, purpose: 'statements:cookies.language' },
      ],
      tileServer: tileOrigin(facts.tileUrl),
      inactiveAccountMonths: facts.inactiveAccountMonths,
    });
  }

  router.get('/accessibility', (req, res) => renderStatement(req, res, 'accessibility'));
  router.get('/privacy', (req, res) => renderStatement(req, res, 'privacy'));
  router.get('/about', async (req, res) => {
    const statement = await statements.statementFor('about', req.locale, req.t);
    // The EU's funding statement and disclaimer are required wording, so they are not editable.
    res.render('statements/about', {
      statement,
      blocks: blocksOf(statement.body),
      emblem: { width: emblemWidth, height: emblemHeight, blue: emblemBlue, yellow: emblemYellow, stars: emblemStars },
    });
  });

  router.get('/admin/statements', adminOnly, (_req, res) => res.render('statements/admin-list', { kinds: statementKinds, locales: supportedLocales }));

  router.get('/admin/statements/:kind/:locale', adminOnly, async (req, res) => {
    const { kind, locale } = paramsOr404(req);
    const statement = await statementFor(db, kind, locale, facts.translatorFor(locale));
    res.render('statements/edit', { kind, editLocale: locale, values: { body: statement.body, reviewedOn: statement.reviewedOn }, errors: {} });
  });

  router.post('/admin/statements/:kind/:locale', adminOnly, async (req, res) => {
    const { kind, locale } = paramsOr404(req);
    await handleForm(req, res, {
      schema: statementFormSchema,
      run: (form) => updateStatement(db, userOf(req).id, { kind, locale, ...form }),
      again: (values, errors) => res.render('statements/edit', { kind, editLocale: locale, values, errors }),
      done: () => flashAndRedirect(req, res, 'statements:admin.saved', `${statementPaths[kind]}?lang=${locale}`),
    });
  });

  return router;
}
