import type { Knex } from 'knex';

export interface AuditEntry {
  /** null for Kopā's own scheduled work (the maintenance command). */
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: number;
  reason?: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one staff action; call it with the transaction of the action itself. */
export async function recordAudit(trx: Knex, entry: AuditEntry): Promise<void> {
  await trx('audit_log').insert({
    actor_id: entry.actorId,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    reason: entry.reason ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
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
