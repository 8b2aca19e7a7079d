import { Router } from 'express';
import type { Knex } from 'knex';
import { requireLogin } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { userOf } from '../http/forms';
import { numericIdParam } from '../http/params';
import { ideaById } from '../ideas/ideas.queries';
import { requireVisibleIdea } from '../http/visible-idea';
import { follow, unfollow } from './follows.queries';

export function followRoutes(db: Knex): Router {
  const router = Router();
  const visibleIdea = requireVisibleIdea(db);
  for (const [path, change, doneKey] of [
    ['/ideas/:id/follow', follow, 'follows:followed'],
    ['/ideas/:id/unfollow', unfollow, 'follows:unfollowed'],
  ] as const) {
    router.post(path, visibleIdea, requireLogin, async (req, res) => {
      const idea = await ideaById(db, numericIdParam(req.params.id));
      if (!idea) throw notFound();
      await change(db, userOf(req).id, idea.id);
      setFlash(req, 'success', doneKey);
      res.redirect(303, `/ideas/${idea.id}#follow`);
    });
  }
  return router;
}
