import { Router } from 'express';
import type { Knex } from 'knex';
import { requireLogin } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { userOf } from '../http/forms';
import { numericIdParam } from '../http/params';
import { updateNotificationSettings } from '../auth/auth.queries';
import { publishedIdeaCardsOf } from '../ideas/ideas.queries';
import { notificationSettings, publicCommentsOf, publicProfile } from './profiles.queries';

export function profileRoutes(db: Knex): Router {
  const router = Router();

  router.get('/users/:id', async (req, res) => {
    const profile = await publicProfile(db, numericIdParam(req.params.id));
    if (!profile) throw notFound();
    const isOwn = req.user?.id === profile.id;
    res.render('profiles/show', {
      profile,
      ideas: await publishedIdeaCardsOf(db, profile.id, req.locale),
      comments: await publicCommentsOf(db, profile.id),
      settings: isOwn ? await notificationSettings(db, profile.id) : undefined,
    });
  });

  router.get('/me', requireLogin, (req, res) => res.redirect(303, `/users/${userOf(req).id}`));

  // Unchecked boxes are absent from the form: absent means off.
  router.post('/settings/notifications', requireLogin, async (req, res) => {
    await updateNotificationSettings(db, userOf(req).id, { notifyComments: req.body?.notifyComments === 'on', notifyUpdates: req.body?.notifyUpdates === 'on' });
    setFlash(req, 'success', 'profiles:settings.saved');
    res.redirect(303, `/users/${userOf(req).id}#settings`);
  });

  return router;
}
