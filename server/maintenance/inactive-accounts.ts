import { enqueueJob } from '../jobs/jobs.queries';
import { eraseAccount, type ErasureServices } from '../account-deletion/erasure.service';
import { accountsToAnonymise, accountsToWarn } from './maintenance.queries';

/**
 * Accounts inactive for (months − 30 days) get a warning email (through the jobs table; the
 * handler records when it left). Accounts inactive for the full period whose warning left at
 * least 30 days ago, with no login since, are anonymised like a deletion that keeps content.
 */
export async function runInactiveAccountMaintenance(services: ErasureServices, months: number): Promise<{ warned: number; anonymised: number }> {
  const { db } = services;
  const toWarn = await accountsToWarn(db, months);
  await db.transaction(async (trx) => {
    for (const user of toWarn) {
      await enqueueJob(trx, 'inactivity_warning', { userId: user.id }, { dedupeKey: `inactivity_warning:${user.id}` });
    }
  });
  const toAnonymise = await accountsToAnonymise(db, months);
  for (const user of toAnonymise) {
    await eraseAccount(services, user.id, { removeContent: false, byMaintenance: { inactiveMonths: months } });
  }
  return { warned: toWarn.length, anonymised: toAnonymise.length };
}
