import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { staffRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { flashAndRedirect, handleForm, userOf, type FieldProblems } from '../http/forms';
import { numericIdParam, parseFiltersOr400 } from '../http/params';
import { mayBlock } from '../moderation/moderation.policy';
import { accountSummary, accountsMatching, accountsPageSize } from './users.queries';
import { accountSearchSchema, blockSchema } from './users.schema';
import { blockAccount, resetTwoFactor, unblockAccount } from './users.service';

/** Staff look people up and block or unblock them; only admins see email addresses. */
export function userRoutes(db: Knex): Router {
  const router = Router();
  const staffOnly = requireRole(...staffRoles);

  router.get('/admin/users', staffOnly, async (req, res) => {
    const query = parseFiltersOr400(() => accountSearchSchema.safeParse(req.query));
    const showEmail = userOf(req).role === 'admin';
    const accounts = await accountsMatching(db, query.q, showEmail, query.page);
    res.render('users/list', { query, accounts, showEmail, hasNextPage: accounts.length === accountsPageSize });
  });

  async function renderAccount(res: Response, userId: number, values: Record<string, unknown> = {}, errors: FieldProblems = {}) {
    const account = await accountSummary(db, userId);
    if (!account) throw notFound();
    const actor = userOf(res.req);
    res.status(Object.keys(errors).length ? 422 : 200).render('users/show', {
      account,
      showEmail: actor.role === 'admin',
      mayBlock: mayBlock(actor, account),
      mayResetTwoFactor: actor.role === 'admin' && actor.id !== account.id && account.twoFactor,
      values,
      errors,
    });
  }

  router.get('/admin/users/:id', staffOnly, (req, res) => renderAccount(res, numericIdParam(req.params.id)));

  router.post('/admin/users/:id/block', staffOnly, (req, res) => {
    const userId = numericIdParam(req.params.id);
    return handleForm(req, res, {
      schema: blockSchema,
      run: (form) => blockAccount(db, userOf(req), userId, form.reason),
      again: (values, errors) => renderAccount(res, userId, values, errors),
      done: () => flashAndRedirect(req, res, 'users:done.blocked', `/admin/users/${userId}`),
    });
  });

  router.post('/admin/users/:id/unblock', staffOnly, async (req, res) => {
    const userId = numericIdParam(req.params.id);
    await unblockAccount(db, userOf(req), userId);
    setFlash(req, 'success', 'users:done.unblocked');
    res.redirect(303, `/admin/users/${userId}`);
  });

  router.post('/admin/users/:id/reset-two-factor', requireRole('admin'), async (req, res) => {
    const userId = numericIdParam(req.params.id);
    await resetTwoFactor(db, userOf(req), userId);
    setFlash(req, 'success', 'users:done.twoFactorReset');
    res.redirect(303, `/admin/users/${userId}`);
  });

  return router;
}
