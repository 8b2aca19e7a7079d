import type { Knex } from 'knex';
import { insertAuditEntry, type AuditEntry } from './audit.queries';

/** Appends one staff action; call it with the transaction of the action itself. */
export async function recordAudit(trx: Knex, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(trx, entry);
}

/** The usual entry: one actor's action on one item, with what it was and what it became. */
export async function recordAction(
  trx: Knex,
  actorId: number | null,
  action: string,
  target: { type: string; id: number },
  change: Pick<AuditEntry, 'reason' | 'before' | 'after'> = {},
): Promise<void> {
  await recordAudit(trx, { actorId, action, targetType: target.type, targetId: target.id, ...change });
}
