import { Router, type Request, type Response, type NextFunction } from 'express';
import type { Knex } from 'knex';
import type { PassportInstance } from './passport';
import { countAsTakenAnswer, type AuthRateLimits } from '../http/rate-limits';
import { LoginDelayedError, type PasswordAttempts } from '../http/password-attempts';
import { setFlash } from '../http/flash';
import { localPathOr } from '../http/safe-redirect';
import { flashAndRedirect, handleForm } from '../http/forms';
import { loginSchema, registrationSchema } from './auth.schema';
import { registerAccount } from './auth.service';
import type { SessionUser } from './session-user';
import { logIn, pathAfterLogin, startSecondFactor } from './login-session';

function authenticateLocal(passport: PassportInstance, req: Request, res: Response, next: NextFunction): Promise<SessionUser | false> {
  return new Promise((resolve, reject) => {
    passport.authenticate('local', { session: false }, (error: unknown, user: SessionUser | false) => {
      if (error) reject(error);
      else resolve(user);
    })(req, res, next);
  });
}

export function authRoutes(db: Knex, passport: PassportInstance, limits: AuthRateLimits, attempts: PasswordAttempts): Router {
  const router = Router();

  router.get('/register', (req, res) => {
    res.render('auth/register', { values: { preferredLocale: req.locale }, errors: {} });
  });

  // New people still log in at once; probing which emails have accounts is what the limits make slow.
  router.post('/register', limits.registerPerIp, limits.registerPerEmail, limits.registerTakenPerIp, (req, res) =>
    handleForm(req, res, {
      schema: registrationSchema,
      // Never the password.
      values: (body) => ({ displayName: body.displayName, email: body.email, preferredLocale: body.preferredLocale }),
      run: async (registration) => logIn(req, res, await registerAccount(db, registration)),
      again: (values, errors) => {
        if (errors.email === 'auth:validation.emailTaken') countAsTakenAnswer(res);
        return res.render('auth/register', { values, errors });
      },
      done: () => flashAndRedirect(req, res, 'verification:registered', '/'),
    }),
  );

  router.get('/login', (req, res) => {
    res.render('auth/login', { values: {}, failed: false, next: localPathOr(req.query.next, '') });
  });

  router.post('/login', limits.loginPerIp, async (req, res, next) => {
    const nextPath = localPathOr(req.body?.next, '/');
    const parsed = loginSchema.safeParse(req.body);
    let user: SessionUser | undefined;
    try {
      user = parsed.success ? await attempts.check(parsed.data.email, req.ip, async () => (await authenticateLocal(passport, req, res, next)) || undefined) : undefined;
    } catch (error) {
      if (!(error instanceof LoginDelayedError)) throw error;
      res.status(429).set('Retry-After', String(error.retryAfterSeconds));
      res.render('auth/login', { values: { email: req.body?.email }, failed: false, delay: error.problem, next: nextPath });
      return;
    }
    if (!user) {
      // One message whatever was wrong, so nobody learns which emails have accounts.
      res.status(401).render('auth/login', { values: { email: req.body?.email }, failed: true, next: nextPath });
      return;
    }
    if (user.totpEnabled) {
      await startSecondFactor(req, user, nextPath);
      res.redirect(303, '/login/two-factor');
      return;
    }
    await logIn(req, res, user);
    setFlash(req, 'success', 'auth:login.success');
    res.redirect(303, pathAfterLogin(user, nextPath));
  });

  router.post('/logout', (req, res, next) => {
    req.logout((error) => {
      if (error) return next(error);
      res.redirect(303, '/');
    });
  });

  return router;
}
