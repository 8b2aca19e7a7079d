import type { Knex } from 'knex';
import { migrationNames } from '../../migrations';

/**
 * The migrations squashed on 2026-12-04 into one per table. The last commit with them is
 * f96394e; the schema they built equals the one the squashed migrations build (migrations/schema.sql).
 */
export const squashedMigrationNames: readonly string[] = [
  '20261125120000_create_users',
  '20261125120100_create_sessions',
  '20261125120200_create_rate_limits',
  '20261125120300_create_consultations',
  '20261125120400_create_categories',
  '20261125120500_create_places',
  '20261125120600_create_ideas',
  '20261125130000_create_idea_photos',
  '20261126000000_add_ideas_list_indexes',
  '20261126010000_create_supports',
  '20261126010100_add_consultation_support_phases',
  '20261126020000_create_comments',
  '20261126030000_create_reports',
  '20261126030100_add_comments_hidden_at',
  '20261126040000_create_follows',
  '20261126040100_create_jobs',
  '20261126040200_add_users_notification_settings',
  '20261126040300_create_comment_digests',
  '20261126050000_create_idea_status_changes',
  '20261126060000_create_audit_log',
  '20261201090000_add_facilitator_role',
  '20261201090100_add_idea_draft_and_workshop_visibility',
  '20261201100000_add_users_blocked_at',
  '20261201100100_add_ideas_moderation_columns',
  '20261201100200_add_comments_hidden_reason',
  '20261201100300_add_reports_open_indexes',
  '20261201100400_create_idea_translations',
  '20261202100000_create_workshops',
  '20261202100100_create_workshop_participants',
  '20261202100200_add_ideas_workshop_columns',
  '20261202100300_create_workshop_ballot_ideas',
  '20261202100400_create_workshop_dots',
  '20261202100500_create_workshop_results',
  '20261203090000_add_users_email_verified_at',
  '20261203090100_create_account_tokens',
  '20261203090200_add_users_two_factor',
  '20261203090300_create_recovery_codes',
  '20261203090400_add_users_deleted_at',
  '20261203090500_allow_audit_log_erasure',
  '20261203090600_add_users_inactivity_warned_at',
  '20261203090700_create_statements',
];

/** The squashed migrations that replace them; migrations after these are later changes. */
export const baselineMigrationNames: readonly string[] = migrationNames.slice(0, migrationNames.indexOf('20261204092400_create_statements') + 1);

export class SquashedMigrationsError extends Error {}

/**
 * A database migrated before the squash (a developer's ./data, a test server) lists the old
 * names in knex_migrations. When all of them ran and nothing else did, its schema is the
 * baseline's, so the rows are rewritten to the baseline's names in one transaction and knex
 * finds nothing to run; any other mix is refused with one line saying what to do.
 */
export async function adoptSquashedMigrations(db: Knex): Promise<'adopted' | 'nothing to adopt'> {
  if (!(await db.schema.hasTable('knex_migrations'))) return 'nothing to adopt';
  return db.transaction(async (trx) => {
    // Two processes starting on the same server: the second waits here, then finds the new names.
    await trx.raw('lock table knex_migrations in exclusive mode');
    const names: string[] = await trx('knex_migrations').pluck('name');
    const squashed = new Set(squashedMigrationNames);
    const found = names.filter((name) => squashed.has(name));
    if (found.length === 0) return 'nothing to adopt';
    const others = names.filter((name) => !squashed.has(name));
    if (found.length < squashed.size) {
      throw new SquashedMigrationsError(
        `This database ran only ${found.length} of the ${squashed.size} migrations squashed on 2026-12-04: finish them with the last version before the squash (git checkout f96394e, then npm start once), or start from an empty database.`,
      );
    }
    if (others.length > 0) {
      throw new SquashedMigrationsError(
        `This database ran the ${squashed.size} migrations squashed on 2026-12-04 and ${others.length} unknown ones (${others[0]}…): start from an empty database.`,
      );
    }
    await trx('knex_migrations').whereIn('name', squashedMigrationNames).delete();
    await trx('knex_migrations').insert(baselineMigrationNames.map((name) => ({ name, batch: 1, migration_time: trx.fn.now() })));
    return 'adopted';
  });
}
