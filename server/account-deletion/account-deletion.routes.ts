import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireLogin, requireRole } from '../http/access';
import { notFound } from '../http/errors';
import type { AccountRateLimits } from '../http/account-rate-limits';
import { FormError, flashAndRedirect, handleForm, userOf } from '../http/forms';
import { numericIdParam } from '../http/params';
import { isLastAdmin } from '../auth/auth.queries';
import { passwordMatches } from '../passwords/passwords.queries';
import { currentPasswordCheck, LoginDelayedError, type PasswordReentry } from '../http/password-attempts';
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

export function accountDeletionRoutes(services: ErasureServices, limits: AccountRateLimits, reentry: PasswordReentry): Router {
  const router = Router();
  const { db } = services;
  const adminOnly = requireRole('admin');

  router.get('/account/delete', requireLogin, (_req, res) => res.render('account-deletion/own', { values: {}, errors: {} }));

  router.post('/account/delete', requireLogin, limits.accountDeletion, reentry.perIp, (req, res) =>
    handleForm(req, res, {
      schema: ownDeletionSchema,
      // The password is never shown again.
      values: (body) => ({ removeContent: body.removeContent === 'on' }),
      run: async (form) => {
        const person = userOf(req);
        const currentPassword = currentPasswordCheck(reentry, person, req.ip, (password) => passwordMatches(db, person.id, password));
        if (!(await currentPassword(form.password))) throw new FormError({ password: 'account-deletion:validation.passwordWrong' });
        if (await isLastAdmin(db, person.id)) throw new FormError({ form: 'account-deletion:validation.lastAdmin' });
        await eraseAccount(services, person.id, { removeContent: form.removeContent });
        return form.removeContent;
      },
      again: (values, errors) => res.render('account-deletion/own', { values, errors }),
      done: async (removedContent) => {
        await endThisSession(req, res);
        res.render('account-deletion/done', { removedContent });
      },
      refused: {
        error: LoginDelayedError,
        answer: (error) => {
          const delayed = error as LoginDelayedError;
          res.status(429).set('Retry-After', String(delayed.retryAfterSeconds)).render('account-deletion/own', { values: {}, errors: { password: delayed.problem } });
        },
      },
    }),
  );

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
    const admin = userOf(req);
    await handleForm(req, res, {
      schema: adminErasureSchema,
      values: (body) => ({ reason: body.reason, removeContent: body.removeContent === 'on' }),
      run: async (form) => {
        if (user.id === admin.id) throw new FormError({ form: 'account-deletion:validation.notYourself' });
        if (await isLastAdmin(db, user.id)) throw new FormError({ form: 'account-deletion:validation.lastAdmin' });
        await eraseAccount(services, user.id, { removeContent: form.removeContent, byAdmin: { id: admin.id, reason: form.reason } });
      },
      again: (values, errors) => res.render('account-deletion/admin', { user, values, errors }),
      done: () => flashAndRedirect(req, res, 'account-deletion:admin.done', '/admin/users/erase'),
    });
  });

  return router;
}
