import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import { requireLogin } from '../http/access';
import { setFlash } from '../http/flash';
import { userOf } from '../http/forms';
import { checkAccountToken } from './account-tokens';
import { confirmEmail, resendVerificationEmail } from './verification.service';

const statusCodes = { invalid: 400, expired: 410, used: 410 } as const;

function renderProblem(res: Response, problem: keyof typeof statusCodes) {
  res.status(statusCodes[problem]).render('verification/link-problem', { problem });
}

/**
 * The link opens a page with a button: mail scanners that follow links do not use it up.
 * Verifying works without logging in (the link may be opened on another device).
 */
export function verificationRoutes(db: Knex, secret: string, resendLimit: RequestHandler): Router {
  const router = Router();

  router.get('/verify-email', async (req, res) => {
    const check = await checkAccountToken(db, secret, 'verify_email', req.query.token);
    if (check.status !== 'valid') return renderProblem(res, check.status);
    res.set('Cache-Control', 'no-store').render('verification/confirm', { token: req.query.token });
  });

  router.post('/verify-email', async (req, res) => {
    const result = await confirmEmail(db, secret, req.body?.token);
    if (result.status !== 'confirmed') return renderProblem(res, result.status);
    res.render('verification/confirmed', { publishedDrafts: result.publishedDrafts });
  });

  router.post('/verify-email/resend', requireLogin, resendLimit, async (req, res) => {
    if (!userOf(req).emailVerified) {
      await resendVerificationEmail(db, userOf(req).id);
      setFlash(req, 'success', 'verification:resent');
    } else {
      setFlash(req, 'success', 'verification:alreadyVerified');
    }
    res.redirect(303, '/account');
  });

  return router;
}
