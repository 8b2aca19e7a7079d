import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit';
import type { ExportFilters } from './exports.schema';

export type ExportFormat = 'csv' | 'xlsx' | 'geojson';

/** Every download of the ideas is in the audit log with its filters, before a row is written. */
export async function recordIdeasExport(db: Knex, actorId: number, format: ExportFormat, filters: ExportFilters): Promise<void> {
  await recordAudit(db, { actorId, action: 'export.ideas', after: { format, filters } });
}
