import { Router } from 'express';
import type { Knex } from 'knex';
import { AppError } from '../http/errors';
import { turnOffNotifications } from '../profiles/profiles.queries';
import { verifyUnsubscribeToken } from './unsubscribe-token';

const invalidLink = () => new AppError(400, 'invalid_unsubscribe_link', 'notifications:unsubscribe.invalid');

/** Unsubscribing works without logging in: the signed token says who and what. */
export function notificationRoutes(db: Knex, secret: string): Router {
  const router = Router();

  router.get('/unsubscribe', (req, res) => {
    const verified = verifyUnsubscribeToken(secret, req.query.token);
    if (!verified) throw invalidLink();
    res.render('notifications/unsubscribe', { token: req.query.token, kind: verified.kind, done: false });
  });

  router.post('/unsubscribe', async (req, res) => {
    const verified = verifyUnsubscribeToken(secret, req.body?.token);
    if (!verified) throw invalidLink();
    await turnOffNotifications(db, verified.userId, verified.kind);
    res.render('notifications/unsubscribe', { token: req.body.token, kind: verified.kind, done: true });
  });

  return router;
}
