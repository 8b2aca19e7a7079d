import { Router } from 'express';
import type { Knex } from 'knex';
import { requireLogin } from '../http/access';
import { isPrivileged } from './login-session';

/** The person's own account page: what can be done about the account, in one place. */
export function accountRoutes(db: Knex): Router {
  const router = Router();
  router.get('/account', requireLogin, async (req, res) => {
    const drafts = await db('ideas').where({ author_id: req.user!.id, visibility: 'draft' }).orderBy('id').select('id', 'title', 'original_locale as originalLocale');
    res.set('Cache-Control', 'no-store').render('account/show', { drafts, privileged: isPrivileged(req.user!) });
  });
  return router;
}
