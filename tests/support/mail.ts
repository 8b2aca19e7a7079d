import type { Mail } from '../../server/mail/mailer';
import { createLocalization } from '../../server/i18n/i18n';
import { runDueJobs, type JobHandler } from '../../server/jobs/jobs.worker';
import type { NotificationServices } from '../../server/notifications/comment-digest';
import type { TestApp } from './test-app';

/** Runs every waiting job now with the given handlers, and returns the emails they sent. */
export async function deliverJobs(testApp: TestApp, handlers: Record<string, (services: NotificationServices) => JobHandler>): Promise<Mail[]> {
  const sent: Mail[] = [];
  const services: NotificationServices = {
    db: testApp.db,
    mailer: { send: async (mail) => void sent.push(mail) },
    localization: createLocalization('lv'),
    baseUrl: testApp.config.baseUrl,
    secret: testApp.config.sessionSecret,
  };
  await testApp.db('jobs').whereNull('done_at').update({ run_at: testApp.db.fn.now() });
  await runDueJobs(testApp.db, Object.fromEntries(Object.entries(handlers).map(([kind, handler]) => [kind, handler(services)])));
  return sent;
}
