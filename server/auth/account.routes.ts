import { Router } from 'express';
import type { Knex } from 'knex';
import { requireLogin } from '../http/access';
import { userOf } from '../http/forms';
import { isPrivileged } from './login-session';
import { draftsOf } from '../ideas/ideas.queries';

/** The person's own account page: what can be done about the account, in one place. */
export function accountRoutes(db: Knex): Router {
  const router = Router();
  router.get('/account', requireLogin, async (req, res) => {
    const drafts = await draftsOf(db, userOf(req).id);
    res.set('Cache-Control', 'no-store').render('auth/account', { drafts, privileged: isPrivileged(userOf(req)) });
  });
  return router;
}
