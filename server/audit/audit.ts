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
