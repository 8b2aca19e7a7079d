import type { Knex } from 'knex';
import { changedFields, type RevisedFields } from './revisions.fields';
import { insertRevision } from './revisions.queries';

/** Records an author's change of an idea visitors could read, when anything actually changed. */
export async function recordRevision(trx: Knex, ideaId: number, editorId: number, before: RevisedFields, after: RevisedFields): Promise<void> {
  const changed = changedFields(before, after);
  if (changed) await insertRevision(trx, { ideaId, editorId, ...changed });
}
