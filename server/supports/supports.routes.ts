import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireActiveAccount, requireLogin, requireVerifiedEmail } from '../http/access';
import { setFlash } from '../http/flash';
import { numericIdParam } from '../http/params';
import { SupportRefusedError, supportIdea, withdrawSupport, type SupportState } from './supports.service';

// The form posts and gets a redirect; the page's script asks for JSON and updates in place.
const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

async function respond(req: Request, res: Response, ideaId: number, change: () => Promise<SupportState>, doneKey: string) {
  try {
    const state = await change();
    if (wantsJson(req)) {
      res.json({ ...state, message: req.t(doneKey) });
      return;
    }
    setFlash(req, 'success', doneKey);
  } catch (error) {
    if (!(error instanceof SupportRefusedError)) throw error;
    if (wantsJson(req)) {
      res.status(409).json({ error: { code: error.code, message: req.t(error.messageKey) } });
      return;
    }
    setFlash(req, 'error', error.messageKey);
  }
  res.redirect(303, `/ideas/${ideaId}#support`);
}

export function supportRoutes(db: Knex): Router {
  const router = Router();

  router.post('/ideas/:id/support', requireActiveAccount, requireVerifiedEmail, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await respond(req, res, ideaId, () => supportIdea(db, req.user!.id, ideaId), 'supports:done.supported');
  });

  router.post('/ideas/:id/support/withdraw', requireLogin, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await respond(req, res, ideaId, () => withdrawSupport(db, req.user!.id, ideaId), 'supports:done.withdrawn');
  });

  return router;
}
