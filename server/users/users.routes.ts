import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { staffRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { fieldErrors } from '../http/validation';
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
    const showEmail = req.user!.role === 'admin';
    const accounts = await accountsMatching(db, query.q, showEmail, query.page);
    res.render('users/list', { query, accounts, showEmail, hasNextPage: accounts.length === accountsPageSize });
  });

  async function renderAccount(res: Response, userId: number, values: Record<string, unknown> = {}, errors: Record<string, string> = {}) {
    const account = await accountSummary(db, userId);
    if (!account) throw notFound();
    const actor = res.req.user!;
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

  router.post('/admin/users/:id/block', staffOnly, async (req, res) => {
    const userId = numericIdParam(req.params.id);
    const parsed = blockSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderAccount(res, userId, req.body ?? {}, fieldErrors(parsed.error));
    await blockAccount(db, req.user!, userId, parsed.data.reason);
    setFlash(req, 'success', 'users:done.blocked');
    res.redirect(303, `/admin/users/${userId}`);
  });

  router.post('/admin/users/:id/unblock', staffOnly, async (req, res) => {
    const userId = numericIdParam(req.params.id);
    await unblockAccount(db, req.user!, userId);
    setFlash(req, 'success', 'users:done.unblocked');
    res.redirect(303, `/admin/users/${userId}`);
  });

  router.post('/admin/users/:id/reset-two-factor', requireRole('admin'), async (req, res) => {
    const userId = numericIdParam(req.params.id);
    await resetTwoFactor(db, req.user!, userId);
    setFlash(req, 'success', 'users:done.twoFactorReset');
    res.redirect(303, `/admin/users/${userId}`);
  });

  return router;
}
