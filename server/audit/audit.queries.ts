import type { Knex } from 'knex';
import { orJsonMentions, orTextMentions, type Redaction } from '../db/mentions';
import type { AuditQuery } from './audit.schema';

export interface AuditListEntry {
  id: number;
  actorId: number | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: number | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

export const auditPageSize = 50;

/** Newest first, one page; an action without a dot ("idea") matches all of its kind. */
export async function auditEntries(db: Knex, query: AuditQuery): Promise<AuditListEntry[]> {
  const entries = db('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .orderBy('audit_log.id', 'desc')
    .limit(auditPageSize)
    .select(
      'audit_log.id',
      'audit_log.actor_id as actorId',
      'users.display_name as actorName',
      'audit_log.action',
      'audit_log.target_type as targetType',
      'audit_log.target_id as targetId',
      'audit_log.reason',
      'audit_log.before',
      'audit_log.after',
      'audit_log.created_at as createdAt',
    );
  if (query.action) {
    if (query.action.includes('.')) entries.where('audit_log.action', query.action);
    else entries.whereLike('audit_log.action', `${query.action}.%`);
  }
  if (query.actor) entries.where('audit_log.actor_id', query.actor);
  if (query.targetType) entries.where('audit_log.target_type', query.targetType);
  if (query.targetId) entries.where('audit_log.target_id', query.targetId);
  if (query.from) entries.whereRaw(`audit_log.created_at >= (?::date)::timestamp at time zone 'Europe/Riga'`, [query.from]);
  if (query.to) entries.whereRaw(`audit_log.created_at < (?::date + 1)::timestamp at time zone 'Europe/Riga'`, [query.to]);
  if (query.before) entries.where('audit_log.id', '<', query.before);
  return entries;
}

/** Every action recorded so far, for the filter's choices. */
export async function auditActions(db: Knex): Promise<string[]> {
  return (await db('audit_log').distinct('action').orderBy('action')).map((row) => row.action as string);
}

/** Staff who have acted, for the filter's choices. */
export async function auditActors(db: Knex): Promise<{ id: number; name: string }[]> {
  return db('users')
    .whereIn('id', db('audit_log').distinct('actor_id').whereNotNull('actor_id'))
    .orderBy('display_name')
    .select('id', 'display_name as name');
}

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

export async function insertAuditEntry(trx: Knex, entry: AuditEntry): Promise<void> {
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

/**
 * Rewrites the entries whose before, after or reason mention any of the texts (an erased
 * person's email and name). The audit trigger refuses changes to entries except under the
 * erasure flag, which is on for this rewrite only, inside the caller's transaction.
 */
export async function redactAuditEntriesMentioning(trx: Knex, texts: string[], redaction: Redaction): Promise<void> {
  await trx.raw(`select set_config('kopa.erasure', 'on', true)`);
  const entries = await trx('audit_log')
    .where((where) => {
      orJsonMentions(where, 'before', texts);
      orJsonMentions(where, 'after', texts);
      orTextMentions(where, 'reason', texts);
    })
    .select('id', 'before', 'after', 'reason');
  for (const entry of entries) {
    await trx('audit_log')
      .where({ id: entry.id })
      .update({
        before: entry.before === null ? null : JSON.stringify(redaction.json(entry.before)),
        after: entry.after === null ? null : JSON.stringify(redaction.json(entry.after)),
        reason: entry.reason === null ? null : redaction.text(entry.reason),
      });
  }
  await trx.raw(`select set_config('kopa.erasure', 'off', true)`);
}
