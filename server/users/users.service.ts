import type { Knex } from 'knex';
import type { Role } from '../auth/roles';
import { recordAudit } from '../audit/audit';
import { forbidden, notFound } from '../http/errors';
import { mayBlock } from '../moderation/moderation.policy';
import { disableTwoFactor } from '../two-factor/two-factor.service';
import { endSessionsOf } from '../auth/sessions.queries';
import { lockAccount, setBlocked, type LockedAccount } from '../auth/auth.queries';

async function lockedAccount(trx: Knex, userId: number): Promise<LockedAccount> {
  const account = await lockAccount(trx, userId);
  if (!account) throw notFound();
  return account;
}

/** A blocked person cannot post, support or report; what they wrote stays until hidden. */
export async function blockAccount(db: Knex, actor: { id: number; role: Role }, userId: number, reason: string): Promise<void> {
  await db.transaction(async (trx) => {
    const account = await lockedAccount(trx, userId);
    if (!mayBlock(actor, account)) throw forbidden();
    if (account.blockedAt) return;
    await setBlocked(trx, userId, true);
    await recordAudit(trx, { actorId: actor.id, action: 'user.blocked', targetType: 'user', targetId: userId, reason, before: { blocked: false }, after: { blocked: true } });
  });
}

export async function unblockAccount(db: Knex, actor: { id: number; role: Role }, userId: number): Promise<void> {
  await db.transaction(async (trx) => {
    const account = await lockedAccount(trx, userId);
    if (!mayBlock(actor, account)) throw forbidden();
    if (!account.blockedAt) return;
    await setBlocked(trx, userId, false);
    await recordAudit(trx, { actorId: actor.id, action: 'user.unblocked', targetType: 'user', targetId: userId, before: { blocked: true }, after: { blocked: false } });
  });
}

/**
 * A staff member who lost their authenticator: an admin clears the second factor and ends
 * their sessions, so the next login sets up a new one before any staff page opens.
 */
export async function resetTwoFactor(db: Knex, admin: { id: number; role: Role }, userId: number): Promise<void> {
  if (admin.role !== 'admin' || admin.id === userId) throw forbidden();
  await db.transaction(async (trx) => {
    const account = await lockAccount(trx, userId, { activeOnly: true });
    if (!account) throw notFound();
    if (!account.totpEnabledAt) return;
    await disableTwoFactor(trx, userId);
    await endSessionsOf(trx, userId);
    await recordAudit(trx, { actorId: admin.id, action: 'user.two_factor_reset', targetType: 'user', targetId: userId, before: { twoFactor: true }, after: { twoFactor: false } });
  });
}
