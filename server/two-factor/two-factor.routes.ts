import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import QRCode from 'qrcode';
import { requireLogin } from '../http/access';
import { setFlash } from '../http/flash';
import { localPathOr } from '../http/safe-redirect';
import type { AccountRateLimits } from '../http/account-rate-limits';
import { userOf } from '../http/forms';
import { userById } from '../auth/auth.queries';
import { passwordMatches } from '../passwords/passwords.queries';
import { isPrivileged, logIn, pendingLoginLimitMs } from '../auth/login-session';
import { newTotpSecret, totpUri } from './totp';
import { disableTwoFactor, enableTwoFactor, replaceRecoveryCodes, useSecondFactor } from './two-factor.service';
import { unusedRecoveryCodeCount } from './two-factor.queries';

/** Whose code the step asks for: a half-finished login, or a logged-in person without the step yet. */
function secondFactorCandidate(req: Request): number | undefined {
  const pending = req.session.pendingLogin;
  if (pending && Date.now() - pending.startedAt <= pendingLoginLimitMs) return pending.userId;
  if (req.user?.totpEnabled && !req.session.secondFactorAt) return req.user.id;
  return undefined;
}

async function setupPage(res: Response, secret: string, label: string, values: { next: string }, error?: string, status = 200) {
  const qrSvg = await QRCode.toString(totpUri(secret, label), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  res.status(status).set('Cache-Control', 'no-store').render('two-factor/setup', { qrSvg, secret: secret.match(/.{1,4}/g)!.join(' '), next: values.next, error });
}

export function twoFactorRoutes(db: Knex, limits: AccountRateLimits): Router {
  const router = Router();

  router.get('/login/two-factor', (req, res) => {
    if (secondFactorCandidate(req) === undefined) return res.redirect(303, '/login');
    const next = localPathOr(req.query.next, req.session.pendingLogin?.next ?? '/');
    res.render('two-factor/code', { next, failed: false });
  });

  router.post('/login/two-factor', limits.secondFactorPerIp, limits.secondFactorPerAccount, async (req, res) => {
    const userId = secondFactorCandidate(req);
    if (userId === undefined) return res.redirect(303, '/login');
    const next = localPathOr(req.body?.next, req.session.pendingLogin?.next ?? '/');
    if (!(await useSecondFactor(db, userId, req.body?.code))) {
      res.status(422).render('two-factor/code', { next, failed: true });
      return;
    }
    if (!req.user) {
      const user = await userById(db, userId);
      if (!user) return res.redirect(303, '/login');
      await logIn(req, res, user);
    }
    req.session.secondFactorAt = Date.now();
    setFlash(req, 'success', 'auth:login.success');
    res.redirect(303, next);
  });

  router.get('/account/two-factor', requireLogin, async (req, res) => {
    res.render('two-factor/manage', {
      enabled: userOf(req).totpEnabled,
      required: isPrivileged(userOf(req)),
      recoveryCodesLeft: userOf(req).totpEnabled ? await unusedRecoveryCodeCount(db, userOf(req).id) : 0,
      errors: {},
    });
  });

  router.get('/account/two-factor/setup', requireLogin, async (req, res) => {
    if (userOf(req).totpEnabled) return res.redirect(303, '/account/two-factor');
    req.session.totpSetupSecret ??= newTotpSecret();
    await setupPage(res, req.session.totpSetupSecret, userOf(req).email, { next: localPathOr(req.query.next, '/account') });
  });

  router.post('/account/two-factor/setup', requireLogin, async (req, res) => {
    const next = localPathOr(req.body?.next, '/account');
    const secret = req.session.totpSetupSecret;
    if (userOf(req).totpEnabled || !secret) return res.redirect(303, '/account/two-factor');
    const codes = await enableTwoFactor(db, userOf(req).id, secret, String(req.body?.code ?? ''));
    if (!codes) return setupPage(res, secret, userOf(req).email, { next }, 'two-factor:setup.wrongCode', 422);
    delete req.session.totpSetupSecret;
    req.session.secondFactorAt = Date.now();
    res.set('Cache-Control', 'no-store').render('two-factor/recovery-codes', { codes, next });
  });

  // New recovery codes need a code from the app (or a recovery code) right now.
  router.post('/account/two-factor/recovery-codes', requireLogin, limits.secondFactorPerAccount, async (req, res) => {
    if (!userOf(req).totpEnabled) return res.redirect(303, '/account/two-factor');
    if (!(await useSecondFactor(db, userOf(req).id, req.body?.code))) {
      res.status(422).render('two-factor/manage', {
        enabled: true,
        required: isPrivileged(userOf(req)),
        recoveryCodesLeft: await unusedRecoveryCodeCount(db, userOf(req).id),
        errors: { code: 'two-factor:code.failed' },
      });
      return;
    }
    const codes = await db.transaction((trx) => replaceRecoveryCodes(trx, userOf(req).id));
    res.set('Cache-Control', 'no-store').render('two-factor/recovery-codes', { codes, next: '/account' });
  });

  // Residents may turn the second factor off again with their password; staff may not.
  router.post('/account/two-factor/disable', requireLogin, async (req, res) => {
    const user = userOf(req);
    if (isPrivileged(user) || !user.totpEnabled) return res.redirect(303, '/account/two-factor');
    if (!(await passwordMatches(db, user.id, req.body?.password))) {
      res.status(422).render('two-factor/manage', {
        enabled: true,
        required: false,
        recoveryCodesLeft: await unusedRecoveryCodeCount(db, user.id),
        errors: { password: 'two-factor:disable.wrongPassword' },
      });
      return;
    }
    await disableTwoFactor(db, user.id);
    setFlash(req, 'success', 'two-factor:disable.done');
    res.redirect(303, '/account/two-factor');
  });

  return router;
}
