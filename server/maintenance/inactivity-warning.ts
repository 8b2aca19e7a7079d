import { markInactivityWarned } from '../auth/auth.queries';
import { formatDate } from '../i18n/format';
import { sendAccountEmail, type AccountMailServices } from '../mail/account-email';
import { accountRecipient } from '../auth/auth.queries';
import { stillInactive } from './maintenance.queries';
import type { JobPayloads } from '../jobs/jobs.queries';

/** Emails the warning in the person's language and records when it left; the 30 days count from then. */
export function inactivityWarningHandler(services: AccountMailServices, months: number) {
  return async (payload: JobPayloads['inactivity_warning']): Promise<void> => {
    const userId = Number(payload.userId);
    const recipient = await accountRecipient(services.db, userId);
    const inactive = recipient && (await stillInactive(services.db, userId, months));
    if (!recipient || !inactive) return;
    await sendAccountEmail(services, recipient, (t) => ({
      subject: t('maintenance:warning.subject'),
      lines: [t('maintenance:warning.intro', { date: formatDate(recipient.locale, inactive.anonymiseAfter) }), t('maintenance:warning.keep'), t('maintenance:warning.content')],
      link: { url: `${services.baseUrl}/login`, text: t('maintenance:warning.link') },
    }));
    await markInactivityWarned(services.db, userId);
  };
}
