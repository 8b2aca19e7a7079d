import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireLogin } from '../http/access';
import { setFlash } from '../http/flash';
import { localPathOr } from '../http/safe-redirect';
import type { AccountRateLimits } from '../http/account-rate-limits';
import { flashAndRedirect, handleForm, userOf, type FieldProblems } from '../http/forms';
import { userById } from '../auth/auth.queries';
import { isPrivileged, logIn, pendingLoginLimitMs } from '../auth/login-session';
import { newTotpSecret, totpUri } from './totp';
import { enableTwoFactor, proveSecondFactor, renewRecoveryCodes, turnOffTwoFactor } from './two-factor.service';
import { disableTwoFactorSchema, secondFactorSchema, setupCodeSchema } from './two-factor.schema';
import { unusedRecoveryCodeCount } from './two-factor.queries';
import type { TotpKeyring } from '../secret-keys';
import { currentPasswordCheck, LoginDelayedError, type PasswordReentry } from '../http/password-attempts';
import { passwordMatches } from '../passwords/passwords.queries';
import { qrCodeSvg } from '../http/qr-code';

/** Whose code the step asks for: a half-finished login, or a logged-in person without the step yet. */
function secondFactorCandidate(req: Request): number | undefined {
  const pending = req.session.pendingLogin;
  if (pending && Date.now() - pending.startedAt <= pendingLoginLimitMs) return pending.userId;
  if (req.user?.totpEnabled && !req.session.secondFactorAt) return req.user.id;
  return undefined;
}

async function setupPage(res: Response, secret: string, label: string, values: { next: string }, errors: FieldProblems = {}) {
  const qrSvg = await qrCodeSvg(totpUri(secret, label));
  res.set('Cache-Control', 'no-store').render('two-factor/setup', { qrSvg, secret: secret.match(/.{1,4}/g)!.join(' '), next: values.next, errors });
}

export function twoFactorRoutes(db: Knex, limits: AccountRateLimits, keys: TotpKeyring, reentry: PasswordReentry): Router {
  const router = Router();

  async function managePage(res: Response, user: Express.User, errors: FieldProblems) {
    res.render('two-factor/manage', {
      enabled: user.totpEnabled,
      required: isPrivileged(user),
      recoveryCodesLeft: user.totpEnabled ? await unusedRecoveryCodeCount(db, user.id) : 0,
      errors,
    });
  }

  router.get('/login/two-factor', (req, res) => {
    if (secondFactorCandidate(req) === undefined) return res.redirect(303, '/login');
    const next = localPathOr(req.query.next, req.session.pendingLogin?.next ?? '/');
    res.render('two-factor/code', { next, errors: {} });
  });

  router.post('/login/two-factor', limits.secondFactorPerIp, limits.secondFactorPerAccount, async (req, res) => {
    const userId = secondFactorCandidate(req);
    if (userId === undefined) return res.redirect(303, '/login');
    const next = localPathOr(req.body?.next, req.session.pendingLogin?.next ?? '/');
    await handleForm(req, res, {
      schema: secondFactorSchema,
      run: (form) => proveSecondFactor(db, keys, userId, form.code),
      again: (_values, errors) => res.render('two-factor/code', { next, errors }),
      done: async () => {
        if (!req.user) {
          const user = await userById(db, userId);
          if (!user) return res.redirect(303, '/login');
          await logIn(req, res, user);
        }
        req.session.secondFactorAt = Date.now();
        setFlash(req, 'success', 'auth:login.success');
        res.redirect(303, next);
      },
    });
  });

  router.get('/account/two-factor', requireLogin, (req, res) => managePage(res, userOf(req), {}));

  router.get('/account/two-factor/setup', requireLogin, async (req, res) => {
    if (userOf(req).totpEnabled) return res.redirect(303, '/account/two-factor');
    req.session.totpSetupSecret ??= newTotpSecret();
    await setupPage(res, req.session.totpSetupSecret, userOf(req).email, { next: localPathOr(req.query.next, '/account') });
  });

  router.post('/account/two-factor/setup', requireLogin, async (req, res) => {
    const next = localPathOr(req.body?.next, '/account');
    const secret = req.session.totpSetupSecret;
    if (userOf(req).totpEnabled || !secret) return res.redirect(303, '/account/two-factor');
    await handleForm(req, res, {
      schema: setupCodeSchema,
      run: (form) => enableTwoFactor(db, keys, userOf(req).id, secret, form.code),
      again: (_values, errors) => setupPage(res, secret, userOf(req).email, { next }, errors),
      done: (codes) => {
        delete req.session.totpSetupSecret;
        req.session.secondFactorAt = Date.now();
        res.set('Cache-Control', 'no-store').render('two-factor/recovery-codes', { codes, next });
      },
    });
  });

  // New recovery codes need a code from the app (or a recovery code) right now.
  router.post('/account/two-factor/recovery-codes', requireLogin, limits.secondFactorPerAccount, async (req, res) => {
    if (!userOf(req).totpEnabled) return res.redirect(303, '/account/two-factor');
    await handleForm(req, res, {
      schema: secondFactorSchema,
      run: (form) => renewRecoveryCodes(db, keys, userOf(req).id, form.code),
      again: (_values, errors) => managePage(res, userOf(req), errors),
      done: (codes) => res.set('Cache-Control', 'no-store').render('two-factor/recovery-codes', { codes, next: '/account' }),
    });
  });

  // Residents may turn the second factor off again with their password; staff may not.
  router.post('/account/two-factor/disable', requireLogin, reentry.perIp, async (req, res) => {
    const user = userOf(req);
    if (isPrivileged(user) || !user.totpEnabled) return res.redirect(303, '/account/two-factor');
    await handleForm(req, res, {
      schema: disableTwoFactorSchema,
      run: (form) => turnOffTwoFactor(db, user.id, form.password, currentPasswordCheck(reentry, user, req.ip, (password) => passwordMatches(db, user.id, password))),
      again: (_values, errors) => managePage(res, user, errors),
      done: () => flashAndRedirect(req, res, 'two-factor:disable.done', '/account/two-factor'),
      refused: {
        error: LoginDelayedError,
        answer: async (error) => {
          const delayed = error as LoginDelayedError;
          res.status(429).set('Retry-After', String(delayed.retryAfterSeconds));
          await managePage(res, user, { password: delayed.problem });
        },
      },
    });
  });

  return router;
}
