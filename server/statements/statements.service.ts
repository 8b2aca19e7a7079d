import type { Knex } from 'knex';
import type { Locale } from '../config';
import { recordAudit } from '../audit/audit';
import { saveStatement, type StatementKind } from './statements.queries';
import type { StatementForm } from './statements.schema';

/** An admin saves the accessibility or privacy statement of one language; the audit log says who and when. */
export async function updateStatement(db: Knex, adminId: number, statement: { kind: StatementKind; locale: Locale } & StatementForm): Promise<void> {
  await db.transaction(async (trx) => {
    await saveStatement(trx, { ...statement, updatedBy: adminId });
    await recordAudit(trx, { actorId: adminId, action: 'statement.updated', targetType: 'statement', after: { kind: statement.kind, locale: statement.locale, reviewedOn: statement.reviewedOn } });
  });
}
