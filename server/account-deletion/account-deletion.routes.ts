import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireLogin, requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { fieldErrors } from '../http/validation';
import type { AccountRateLimits } from '../http/account-rate-limits';
import { userOf } from '../http/forms';
import { numericIdParam } from '../http/params';
import { isLastAdmin } from '../auth/auth.queries';
import { passwordMatches } from '../passwords/passwords.queries';
import { erasableUserByEmail, erasableUserById } from './account-deletion.queries';
import { adminErasureSchema, ownDeletionSchema, userLookupSchema } from './account-deletion.schema';
import { eraseAccount, type ErasureServices } from './erasure.service';

async function endThisSession(req: Request, res: Response): Promise<void> {
  await new Promise<void>((resolve, reject) => req.logout((error) => (error ? reject(error) : resolve())));
  res.locals.currentUser = null;
}

async function erasableUser(db: Knex, id: number) {
  const user = await erasableUserById(db, id);
  if (!user) throw notFound();
  return user;
}

export function accountDeletionRoutes(services: ErasureServices, limits: AccountRateLimits): Router {
  const router = Router();
  const { db } = services;
  const adminOnly = requireRole('admin');

  router.get('/account/delete', requireLogin, (_req, res) => res.render('account-deletion/own', { values: {}, errors: {} }));

  router.post('/account/delete', requireLogin, limits.accountDeletion, async (req, res) => {
    const parsed = ownDeletionSchema.safeParse(req.body ?? {});
    const values = { removeContent: req.body?.removeContent === 'on' };
    if (!parsed.success || !(await passwordMatches(db, userOf(req).id, parsed.data.password))) {
      res.status(422).render('account-deletion/own', { values, errors: { password: 'account-deletion:validation.passwordWrong' } });
      return;
    }
    if (await isLastAdmin(db, userOf(req).id)) {
      res.status(422).render('account-deletion/own', { values, errors: { form: 'account-deletion:validation.lastAdmin' } });
      return;
    }
    await eraseAccount(services, userOf(req).id, { removeContent: parsed.data.removeContent });
    await endThisSession(req, res);
    res.render('account-deletion/done', { removedContent: parsed.data.removeContent });
  });

  router.get('/admin/users/erase', adminOnly, async (req, res) => {
    const { email } = userLookupSchema.parse({ email: typeof req.query.email === 'string' ? req.query.email : undefined });
    const found = email ? await erasableUserByEmail(db, email) : undefined;
    res.render('account-deletion/lookup', { email: email ?? '', found, searched: Boolean(email) });
  });

  router.get('/admin/users/:id/erase', adminOnly, async (req, res) => {
    res.render('account-deletion/admin', { user: await erasableUser(db, numericIdParam(req.params.id)), values: {}, errors: {} });
  });

  router.post('/admin/users/:id/erase', adminOnly, async (req, res) => {
    const user = await erasableUser(db, numericIdParam(req.params.id));
    const parsed = adminErasureSchema.safeParse(req.body ?? {});
    const values = { reason: req.body?.reason, removeContent: req.body?.removeContent === 'on' };
    const refusal = !parsed.success
      ? fieldErrors(parsed.error)
      : user.id === userOf(req).id
        ? { form: 'account-deletion:validation.notYourself' }
        : (await isLastAdmin(db, user.id))
          ? { form: 'account-deletion:validation.lastAdmin' }
          : undefined;
    if (refusal || !parsed.success) {
      res.status(422).render('account-deletion/admin', { user, values, errors: refusal ?? {} });
      return;
    }
    await eraseAccount(services, user.id, { removeContent: parsed.data.removeContent, byAdmin: { id: userOf(req).id, reason: parsed.data.reason } });
    setFlash(req, 'success', 'account-deletion:admin.done');
    res.redirect(303, '/admin/users/erase');
  });

  return router;
}
