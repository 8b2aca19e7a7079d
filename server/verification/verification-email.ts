import type { Knex } from 'knex';
import { enqueueJob, type JobPayloads } from '../jobs/jobs.queries';
import { issueAccountToken } from './account-tokens';
import { isUnverified } from './verification.queries';
import { sendAccountEmail, type AccountMailServices } from '../mail/account-email';
import { accountRecipient } from '../auth/auth.queries';

/** Called in the transaction that creates the account (or asks again): one pending email per account. */
export async function enqueueVerificationEmail(trx: Knex, userId: number): Promise<void> {
  await enqueueJob(trx, 'verification_email', { userId }, { dedupeKey: `verification_email:${userId}` });
}

/**
 * The link is made when the email leaves, so the token never sits in the jobs table;
 * an account verified meanwhile gets nothing.
 */
export function verificationEmailHandler(services: AccountMailServices) {
  return async (payload: JobPayloads['verification_email']): Promise<void> => {
    const userId = Number(payload.userId);
    const recipient = await accountRecipient(services.db, userId);
    const pending = await isUnverified(services.db, userId);
    if (!recipient || !pending) return;
    const token = await issueAccountToken(services.db, services.secret, userId, 'verify_email');
    const url = `${services.baseUrl}/verify-email?token=${token}`;
    await sendAccountEmail(services, recipient, (t) => ({
      subject: t('verification:email.subject'),
      lines: [t('verification:email.intro'), t('verification:email.validFor')],
      link: { url, text: t('verification:email.link') },
      after: [t('verification:email.notYou')],
    }));
  };
}
