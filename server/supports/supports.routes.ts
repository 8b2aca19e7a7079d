import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireActiveAccount, requireLogin, requireVerifiedEmail } from '../http/access';
import { jsonOrRedirect, userOf } from '../http/forms';
import { numericIdParam } from '../http/params';
import { requireVisibleIdea } from '../http/visible-idea';
import { SupportRefusedError, supportIdea, withdrawSupport, type SupportState } from './supports.service';

// The form posts and gets a redirect; the page's script asks for JSON and updates in place.
const respond = (req: Request, res: Response, ideaId: number, change: () => Promise<SupportState>, doneKey: string) =>
  jsonOrRedirect(req, res, {
    run: change,
    message: () => ({ key: doneKey }),
    redirect: `/ideas/${ideaId}#support`,
    refused: { error: SupportRefusedError, redirect: () => `/ideas/${ideaId}#support` },
  });

export function supportRoutes(db: Knex): Router {
  const router = Router();
  const visibleIdea = requireVisibleIdea(db);

  router.post('/ideas/:id/support', visibleIdea, requireActiveAccount, requireVerifiedEmail, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await respond(req, res, ideaId, () => supportIdea(db, userOf(req).id, ideaId), 'supports:done.supported');
  });

  router.post('/ideas/:id/support/withdraw', visibleIdea, requireLogin, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await respond(req, res, ideaId, () => withdrawSupport(db, userOf(req).id, ideaId), 'supports:done.withdrawn');
  });

  return router;
}
