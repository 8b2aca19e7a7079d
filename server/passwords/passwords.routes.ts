import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { requireLogin } from '../http/access';
import { setFlash } from '../http/flash';
import { flashAndRedirect, handleForm, userOf } from '../http/forms';
import type { AccountRateLimits } from '../http/account-rate-limits';
import { currentPasswordCheck, LoginDelayedError, type PasswordReentry } from '../http/password-attempts';
import { passwordMatches } from './passwords.queries';
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from './passwords.schema';
import { changePassword, requestPasswordReset, resetLinkStatus, resetPassword } from './passwords.service';

const problemStatus = { invalid: 400, expired: 410, used: 410 } as const;

function renderLinkProblem(res: Response, problem: keyof typeof problemStatus) {
  res.status(problemStatus[problem]).render('passwords/link-problem', { problem });
}

export function passwordRoutes(db: Knex, secret: string, limits: AccountRateLimits, reentry: PasswordReentry): Router {
  const router = Router();

  router.get('/password/forgot', (_req, res) => res.render('passwords/forgot', { values: {}, errors: {}, sent: false }));

  router.post('/password/forgot', limits.passwordResetPerIp, limits.passwordResetPerEmail, async (req, res) => {
    await handleForm(req, res, {
      schema: forgotPasswordSchema,
      values: (body) => ({ email: body.email }),
      run: (form) => requestPasswordReset(db, form.email),
      again: (values, errors) => res.render('passwords/forgot', { values, errors, sent: false }),
      // The same page whether or not the address has an account.
      done: () => res.render('passwords/forgot', { values: {}, errors: {}, sent: true }),
    });
  });

  router.get('/password/reset', async (req, res) => {
    const status = await resetLinkStatus(db, secret, req.query.token);
    if (status !== 'valid') return renderLinkProblem(res, status);
    res.set('Cache-Control', 'no-store').render('passwords/reset', { token: req.query.token, errors: {} });
  });

  router.post('/password/reset', (req, res) =>
    handleForm(req, res, {
      schema: resetPasswordSchema,
      run: (form) => resetPassword(db, secret, form.token, form.password),
      // A link that no longer works says so rather than asking for a better password.
      again: async (values, errors) => {
        const status = await resetLinkStatus(db, secret, values.token);
        if (status !== 'valid') return renderLinkProblem(res, status);
        res.render('passwords/reset', { token: values.token, errors });
      },
      done: async (status) => {
        if (status !== 'valid') return renderLinkProblem(res, status);
        // Not logged in here: staff still need their second factor, so everyone logs in again.
        await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
        setFlash(req, 'success', 'passwords:reset.done');
        res.redirect(303, '/login');
      },
    }),
  );

  router.get('/account/password', requireLogin, (_req, res) => res.render('passwords/change', { errors: {} }));

  router.post('/account/password', requireLogin, reentry.perIp, (req, res) =>
    handleForm(req, res, {
      schema: changePasswordSchema,
      run: (change) => changePassword(db, userOf(req).id, change, req.sessionID, currentPasswordCheck(reentry, userOf(req), req.ip, (password) => passwordMatches(db, userOf(req).id, password))),
      again: (_values, errors) => res.render('passwords/change', { errors }),
      done: () => flashAndRedirect(req, res, 'passwords:change.done', '/account'),
      refused: {
        error: LoginDelayedError,
        answer: (error) => {
          const delayed = error as LoginDelayedError;
          res.status(429).set('Retry-After', String(delayed.retryAfterSeconds)).render('passwords/change', { errors: { currentPassword: delayed.problem } });
        },
      },
    }),
  );

  return router;
}
