import type { Mail, Mailer } from '../../server/mail/mailer';
import { createLocalization } from '../../server/i18n/i18n';
import { runDueJobs, type JobHandler, type JobHandlers } from '../../server/jobs/jobs.worker';
import type { JobKind } from '../../server/jobs/jobs.queries';
import type { NotificationServices } from '../../server/notifications/comment-digest';
import type { TestApp } from './test-app';

/** What the app's job handlers get, on this test file's database, with the given mailer. */
export function notificationServicesFor(testApp: TestApp, mailer: Mailer): NotificationServices {
  return { db: testApp.db, mailer, localization: createLocalization('lv'), baseUrl: testApp.config.baseUrl, secret: testApp.config.sessionSecret };
}

/** Makes every waiting job due now, as if its time had come. */
export async function makeJobsDue(testApp: TestApp): Promise<void> {
  await testApp.db('jobs').whereNull('done_at').update({ run_at: testApp.db.fn.now() });
}

/** Runs every waiting job now with the given handlers, and returns the emails they sent. */
export async function deliverJobs(testApp: TestApp, handlers: { [K in JobKind]?: (services: NotificationServices) => JobHandler<K> }): Promise<Mail[]> {
  const sent: Mail[] = [];
  const services = notificationServicesFor(testApp, { send: async (mail) => void sent.push(mail) });
  await makeJobsDue(testApp);
  await runDueJobs(testApp.db, Object.fromEntries(Object.entries(handlers).map(([kind, handler]) => [kind, handler(services)])) as JobHandlers);
  return sent;
}
