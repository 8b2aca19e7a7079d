import type { Knex } from 'knex';
import { enqueueJob, type JobPayloads } from '../jobs/jobs.queries';
import { issueAccountToken } from '../verification/account-tokens';
import { sendAccountEmail, type AccountMailServices } from '../mail/account-email';
import { accountRecipient } from '../auth/auth.queries';

export async function enqueuePasswordResetEmail(trx: Knex, userId: number): Promise<void> {
  await enqueueJob(trx, 'password_reset_email', { userId }, { dedupeKey: `password_reset_email:${userId}` });
}

/** The reset link is made as the email leaves: the token is never stored in the jobs table. */
export function passwordResetEmailHandler(services: AccountMailServices) {
  return async (payload: JobPayloads['password_reset_email']): Promise<void> => {
    const recipient = await accountRecipient(services.db, Number(payload.userId));
    if (!recipient) return;
    const token = await issueAccountToken(services.db, services.secret, recipient.id, 'reset_password');
    await sendAccountEmail(services, recipient, (t) => ({
      subject: t('passwords:email.subject'),
      lines: [t('passwords:email.intro'), t('passwords:email.validFor')],
      link: { url: `${services.baseUrl}/password/reset?token=${token}`, text: t('passwords:email.link') },
      after: [t('passwords:email.notYou')],
    }));
  };
}
